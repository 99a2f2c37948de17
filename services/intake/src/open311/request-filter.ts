import { serviceByCode } from './catalogue.ts'
import { open311Error } from './open311-errors.ts'
import { MAX_REQUESTS, type RequestFilter } from './request-store.ts'

/** Default and widest window of GET /requests (the spec's 90 days). */
export const WINDOW_DAYS = 90
const DAY_MS = 86_400_000

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')

function single(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name]
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw open311Error(400, `${name} must be given once`)
  return v.trim() === '' ? undefined : v.trim()
}

function date(q: Record<string, unknown>, name: string): Date | undefined {
  const v = single(q, name)
  if (v === undefined) return undefined
  // W3C date-time (2026-01-15T09:30:00+08:00) or a plain date (China time).
  // An unencoded `+` of the offset arrives as a space.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v.replace(/ (\d{2}:\d{2})$/, '+$1')
  const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(NaN)
  if (Number.isNaN(d.getTime())) throw open311Error(400, `${name} must be a W3C date-time, e.g. 2026-01-15T09:30:00+08:00`)
  return d
}

/**
 * GET /requests parameters → a filter. `service_request_id` (comma list)
 * ignores every other parameter, as the spec says. Otherwise the window is
 * start_date..end_date, defaulting to the last 90 days and never wider.
 */
export function parseRequestFilter(q: Record<string, unknown>, now: Date): RequestFilter {
  const ids = list(single(q, 'service_request_id'))
  if (ids.length) {
    if (ids.length > MAX_REQUESTS) throw open311Error(400, `at most ${MAX_REQUESTS} service_request_id values`)
    return { ids }
  }
  const f: RequestFilter = {}
  const codes = list(single(q, 'service_code'))
  for (const code of codes) {
    const service = serviceByCode(code)
    if (!service) throw open311Error(400, `service_code ${code} is not a known service (see services.json)`)
    if (service.topic === null) f.other = true
    else (f.topics ??= []).push(service.topic)
  }
  const statuses = list(single(q, 'status'))
  for (const s of statuses) if (s !== 'open' && s !== 'closed') throw open311Error(400, 'status must be open or closed')
  if (new Set(statuses).size === 1) f.status = statuses[0] as 'open' | 'closed'
  let from = date(q, 'start_date')
  let to = date(q, 'end_date')
  if (!from && !to) to = now
  if (!from) from = new Date(to!.getTime() - WINDOW_DAYS * DAY_MS)
  if (!to) to = new Date(from.getTime() + WINDOW_DAYS * DAY_MS)
  if (from > to) throw open311Error(400, 'start_date is after end_date')
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`)
  f.from = from
  f.to = to
  return f
}
