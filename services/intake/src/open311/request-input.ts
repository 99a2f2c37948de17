import type { AppealType, Channel, Urgency } from '@hotline-hub/contracts'
import type { CaseInput, SourcePointers } from '../domain/case-input.ts'
import { serviceByCode, type Open311Attribute, type Open311Service } from './catalogue.ts'
import { open311Error } from './open311-errors.ts'

/**
 * The fields of an Open311 POST /requests body, form-encoded (the spec) or
 * JSON. Form keys arrive flat (`attribute[urgent]`); JSON may also nest
 * them (`"attribute": { "urgent": "紧急" }`).
 */
export type RequestBody = Record<string, unknown>

const LIMITS = { description: 50_000, address_string: 200, name: 64, phone: 32, media_url: 2048 } as const

/** Where each canonical field came from, named as the Open311 client sent it. */
const POINTERS: SourcePointers = {
  content: 'description',
  'caller.phone': 'phone',
  'caller.name': 'first_name',
  'location.address': 'address_string',
}

/** A single text field; repeated fields and objects are refused. */
export function field(body: RequestBody, name: string, max = 1000): string | undefined {
  const v = body[name]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (typeof v !== 'string') throw open311Error(400, `${name} must be a single value`)
  const s = v.trim()
  if (s.length > max) throw open311Error(400, `${name} is longer than ${max} characters`)
  return s === '' ? undefined : s
}

/** `attribute[code]=v`, `attribute[code][]=v` (form) or `attribute: { code: v }` (JSON). */
export function attributesOf(body: RequestBody): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const put = (code: string, v: unknown) => {
    const values = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x))
    if (!values.every((x): x is string => typeof x === 'string')) throw open311Error(400, `attribute[${code}] must be text`)
    out.set(code, [...(out.get(code) ?? []), ...values.map((x) => x.trim()).filter((x) => x !== '')])
  }
  for (const [key, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](?:\[\])?$/.exec(key)
    if (m) put(m[1]!, v)
  }
  const nested = body.attribute
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== 'object' || Array.isArray(nested)) throw open311Error(400, 'attribute must be an object of attribute codes')
    for (const [code, v] of Object.entries(nested)) put(code, v)
  }
  return out
}

/** 诉求人姓名: a Chinese name is family name first (张 + 三丰 → 张三丰); others "first last". */
export function callerName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined
  if (!first || !last) return first ?? last
  const cjk = /^[\p{Script=Han}·]+$/u
  return cjk.test(first) && cjk.test(last) ? `${last}${first}` : `${first} ${last}`
}

function coordinate(body: RequestBody, name: 'lat' | 'long', limit: number): number | undefined {
  const s = field(body, name, 32)
  if (s === undefined) return undefined
  const n = Number(s)
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw open311Error(400, `${name} must be a number between -${limit} and ${limit}`)
  return n
}

function applyAttributes(service: Open311Service, given: Map<string, string[]>, input: CaseInput): void {
  for (const code of given.keys())
    if (!service.attributes.some((a) => a.code === code))
      throw open311Error(400, `attribute[${code}] is not an attribute of service ${service.service_code}`)
  for (const a of service.attributes) {
    const values = given.get(a.code) ?? []
    if (values.length === 0) {
      if (a.required) throw open311Error(400, `attribute[${a.code}] is required for service ${service.service_code}`)
      continue
    }
    set(input, a, checkValues(a, values))
  }
}

function checkValues(a: Open311Attribute, values: string[]): string {
  if (a.datatype !== 'multivaluelist' && values.length > 1) throw open311Error(400, `attribute[${a.code}] takes one value`)
  if (a.values && !values.every((v) => a.values!.some((x) => x.key === v)))
    throw open311Error(400, `attribute[${a.code}] must be one of ${a.values.map((x) => x.key).join(', ')}`)
  const v = values[0]!
  if (v.length > 64) throw open311Error(400, `attribute[${a.code}] is longer than 64 characters`)
  return v
}

function set(input: CaseInput, a: Open311Attribute, v: string): void {
  switch (a.target) {
    case 'urgency':
      input.urgency = v as Urgency
      break
    case 'appealType':
      input.appealType = v as AppealType
      break
    case 'district':
      input.location.district = v
      break
    case 'street':
      input.location.street = v
      break
  }
}

/**
 * An Open311 service request → the canonical case input. `email`,
 * `device_id` and `account_id` are not kept: the case has no field for them
 * and `extra` must carry no personal data.
 */
export function toCaseInput(body: RequestBody, channel: Channel, now: Date): { input: CaseInput; pointers: SourcePointers } {
  const code = field(body, 'service_code', 64)
  if (!code) throw open311Error(400, 'service_code is required')
  const service = serviceByCode(code)
  if (!service) throw open311Error(400, `service_code ${code} is not a known service (see services.json)`)
  const lat = coordinate(body, 'lat', 90)
  const lon = coordinate(body, 'long', 180)
  if ((lat === undefined) !== (lon === undefined)) throw open311Error(400, 'lat and long go together')
  const address = field(body, 'address_string', LIMITS.address_string)
  if (lat === undefined && address === undefined)
    throw open311Error(400, 'a location is required: lat and long, or address_string')
  const content = field(body, 'description', LIMITS.description)
  if (!content) throw open311Error(400, 'description is required')
  const name = callerName(field(body, 'first_name', LIMITS.name), field(body, 'last_name', LIMITS.name))
  if (name && name.length > LIMITS.name) throw open311Error(400, `first_name and last_name are longer than ${LIMITS.name} characters`)
  const phone = field(body, 'phone', LIMITS.phone)
  const mediaUrl = field(body, 'media_url', LIMITS.media_url)
  if (mediaUrl !== undefined && !/^https?:\/\/\S+$/i.test(mediaUrl)) throw open311Error(400, 'media_url must be an http(s) URL')
  const input: CaseInput = {
    channel,
    receivedAt: now.toISOString(),
    content,
    caller: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
    location: { ...(address ? { address } : {}), ...(lat !== undefined ? { lat, lon: lon! } : {}) },
    ...(service.topic ? { topic: service.topic } : {}),
    extra: { via: 'open311', service_code: service.service_code, ...(mediaUrl ? { media_url: mediaUrl } : {}) },
  }
  applyAttributes(service, attributesOf(body), input)
  return { input, pointers: POINTERS }
}
