import type { CanonicalCase, CaseStatus, Channel } from '@hotline-hub/contracts'

/** A row of intake.cases as the database returns it. */
export interface CaseRow {
  id: string
  seq: string
  channel: Channel
  external_id: string | null
  received_at: Date
  title: string | null
  content: string
  status: CaseStatus
  department: string | null
  topic: string | null
  urgency: string | null
  appeal_type: string | null
  district: string | null
  street: string | null
  address_masked: string | null
  lat: number | null
  lon: number | null
  caller_name_masked: string | null
  caller_phone_masked: string | null
  caller_id_masked: string | null
  caller_phone_hash: string | null
  pii_ciphertext: string | null
  classification: unknown
  merged_into: string | null
  extra: Record<string, unknown> | null
  created_by: string
  created_at: Date
  updated_at: Date
  version: number
}

export interface CaseEventRow {
  id: string
  action: string
  from_status: string | null
  to_status: string
  actor_id: string
  actor_role: string
  at: Date
  reason: string | null
  department: string | null
  details: Record<string, unknown> | null
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v)

function strip<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}

/** The de-identified canonical case, as events and list responses carry it. */
export function toCanonical(r: CaseRow): CanonicalCase {
  return strip({
    id: r.id,
    channel: r.channel,
    externalId: opt(r.external_id),
    receivedAt: r.received_at.toISOString(),
    title: opt(r.title),
    content: r.content,
    caller: strip({
      name: opt(r.caller_name_masked),
      phone: opt(r.caller_phone_masked),
      idNumber: opt(r.caller_id_masked),
      phoneHash: opt(r.caller_phone_hash),
    }),
    location: strip({
      district: opt(r.district),
      street: opt(r.street),
      address: opt(r.address_masked),
      lat: opt(r.lat),
      lon: opt(r.lon),
    }),
    appealType: opt(r.appeal_type) as CanonicalCase['appealType'],
    urgency: opt(r.urgency) as CanonicalCase['urgency'],
    topic: opt(r.topic),
    status: r.status,
    extra: opt(r.extra) ?? undefined,
  }) as CanonicalCase
}

/** What the API answers for a case: the canonical case plus its handling state. */
export function toView(r: CaseRow) {
  return {
    ...toCanonical(r),
    department: r.department,
    mergedInto: r.merged_into,
    classification: r.classification ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  }
}
export type CaseView = ReturnType<typeof toView>

export function toHistory(e: CaseEventRow) {
  return {
    action: e.action,
    from: e.from_status,
    to: e.to_status,
    actor: { id: e.actor_id, role: e.actor_role },
    at: e.at.toISOString(),
    reason: e.reason,
    department: e.department,
    details: e.details,
  }
}
