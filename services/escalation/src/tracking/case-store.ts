import type { Sql } from '@hotline-hub/db'
import type { CaseFacts, StoredPause } from './case-facts.ts'
import type { Counted } from './rollup.ts'

interface CaseRow {
  case_id: string
  channel: string
  received_at: Date
  status: string
  department: string | null
  topic: string | null
  subtopics: string[]
  district: string | null
  street: string | null
  urgency: string | null
  appeal_type: string | null
  negativity: number | null
  sentiment_flags: string[]
  dispatched_at: Date | null
  accepted_at: Date | null
  replied_at: Date | null
  closed_at: Date | null
  followed_up_at: Date | null
  satisfaction: string | null
  solved: boolean | null
  sla_rule: string | null
  response_due_at: Date | null
  resolution_due_at: Date | null
  deadline_provisional: boolean
  pauses: StoredPause[]
  overdue: boolean
  counted: Counted | null
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v))

export function factsOf(r: CaseRow): CaseFacts {
  return {
    caseId: r.case_id,
    channel: r.channel,
    receivedAt: new Date(r.received_at),
    status: r.status,
    department: r.department,
    topic: r.topic,
    subtopics: r.subtopics ?? [],
    district: r.district,
    street: r.street,
    urgency: r.urgency,
    appealType: r.appeal_type,
    negativity: r.negativity === null ? null : Number(r.negativity),
    sentimentFlags: r.sentiment_flags ?? [],
    dispatchedAt: date(r.dispatched_at),
    acceptedAt: date(r.accepted_at),
    repliedAt: date(r.replied_at),
    closedAt: date(r.closed_at),
    followedUpAt: date(r.followed_up_at),
    satisfaction: r.satisfaction,
    solved: r.solved,
    slaRule: r.sla_rule,
    responseDueAt: date(r.response_due_at),
    resolutionDueAt: date(r.resolution_due_at),
    deadlineProvisional: r.deadline_provisional,
    pauses: r.pauses ?? [],
    overdue: r.overdue,
  }
}

/** A case's facts and where it counts now, locked for the rest of the transaction. */
export async function loadFacts(tx: Sql, caseId: string): Promise<{ facts: CaseFacts; counted: Counted | null } | null> {
  const [row] = await tx.query<CaseRow>('SELECT * FROM escalation.cases WHERE case_id = $1 FOR UPDATE', [caseId])
  return row ? { facts: factsOf(row), counted: row.counted } : null
}

const COLUMNS = [
  'case_id', 'channel', 'received_at', 'status', 'department', 'topic', 'subtopics', 'district', 'street', 'urgency', 'appeal_type',
  'negativity', 'sentiment_flags', 'dispatched_at', 'accepted_at', 'replied_at', 'closed_at', 'followed_up_at', 'satisfaction', 'solved',
  'sla_rule', 'response_due_at', 'resolution_due_at', 'deadline_provisional', 'pauses', 'overdue', 'counted',
] as const

export async function saveFacts(tx: Sql, f: CaseFacts, counted: Counted): Promise<void> {
  const values = [
    f.caseId, f.channel, f.receivedAt, f.status, f.department, f.topic, f.subtopics, f.district, f.street, f.urgency, f.appealType,
    f.negativity, f.sentimentFlags, f.dispatchedAt, f.acceptedAt, f.repliedAt, f.closedAt, f.followedUpAt, f.satisfaction, f.solved,
    f.slaRule, f.responseDueAt, f.resolutionDueAt, f.deadlineProvisional, JSON.stringify(f.pauses), f.overdue, JSON.stringify(counted),
  ]
  const casts: Record<string, string> = { pauses: '::jsonb', counted: '::jsonb', subtopics: '::text[]', sentiment_flags: '::text[]' }
  await tx.query(
    `INSERT INTO escalation.cases (${COLUMNS.join(', ')}, updated_at)
     VALUES (${COLUMNS.map((c, i) => `$${i + 1}${casts[c] ?? ''}`).join(', ')}, now())
     ON CONFLICT (case_id) DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`,
    values,
  )
}
