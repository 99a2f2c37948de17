import type { CaseStatus } from '@hotline-hub/contracts'
import { maskPersonalText } from '@hotline-hub/observability'
import { serviceOfTopic } from './catalogue.ts'

/**
 * The columns the public Open311 reads select: nothing about the caller,
 * only the masked address (cut to the street).
 */
export interface PublicCaseRow {
  id: string
  status: CaseStatus
  topic: string | null
  content: string
  department: string | null
  received_at: Date
  updated_at: Date
  address_masked: string | null
  lat: number | null
  lon: number | null
  extra: Record<string, unknown> | null
  /** The latest reason or reply in the case's history. */
  latest_note: string | null
}

/** 已办结 states; every other state is an open request. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['closed', 'followed_up', 'resolved_on_call', 'merged']

export const open311Status = (s: CaseStatus): 'open' | 'closed' => (CLOSED_STATUSES.includes(s) ? 'closed' : 'open')

/**
 * Published coordinates are rounded to 3 decimals (about 100 m), like the
 * address cut to the street: a case's exact point can be a caller's home.
 */
export const COORDINATE_DECIMALS = 3

const round = (v: number | null) => (v === null ? null : Number(v.toFixed(COORDINATE_DECIMALS)))

/** W3C date-time in China time: `2026-01-15T09:30:00+08:00`. */
export function w3cChinaTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
}

/** A case as a public Open311 service request: de-identified. */
export function toOpen311Request(r: PublicCaseRow) {
  const service = serviceOfTopic(r.topic)
  const media = r.extra?.media_url
  return {
    service_request_id: r.id,
    status: open311Status(r.status),
    status_notes: r.latest_note === null ? null : maskPersonalText(r.latest_note),
    service_name: service.service_name,
    service_code: service.service_code,
    description: maskPersonalText(r.content),
    agency_responsible: r.department,
    service_notice: null,
    requested_datetime: w3cChinaTime(r.received_at),
    updated_datetime: w3cChinaTime(r.updated_at),
    expected_datetime: null,
    address: r.address_masked,
    address_id: null,
    zipcode: null,
    lat: round(r.lat),
    long: round(r.lon),
    media_url: typeof media === 'string' ? media : null,
  }
}
export type Open311Request = ReturnType<typeof toOpen311Request>
