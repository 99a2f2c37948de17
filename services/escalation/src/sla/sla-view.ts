import type { Sql } from '@hotline-hub/db'
import { isOpen, type CaseFacts } from '../tracking/case-facts.ts'
import { DEADLINE_KINDS, toPauses, warningBasisOf, type DeadlineKind, type SlaPolicy } from './policy.ts'
import { firstContactOf } from './first-contact.ts'

/** running 计时中, paused 暂停（补正）, warned 已预警, breached 已超期, met 按期完成. */
export type DeadlineState = 'running' | 'paused' | 'warned' | 'breached' | 'met'

/** One deadline of a case as the console shows it. */
export interface DeadlineView {
  kind: DeadlineKind
  rule: string | null
  /** null while a 补正 pause holds the resolution clock. */
  dueAt: string | null
  /** The due date known before an open pause (the clock resumes from it). */
  dueBeforePause: string | null
  warningAt: string | null
  /** Share of the allowed time spent (at the time it was met, for a met or missed deadline). */
  elapsedFraction: number | null
  state: DeadlineState
  /** First contact (response) or 办结 (resolution). */
  metAt: string | null
  warnedAt: string | null
  breachedAt: string | null
  /** Minutes past the deadline (now, or when it was met late); 0 when on time. */
  lateMinutes: number
}

export interface SlaView {
  caseId: string
  department: string | null
  status: string
  receivedAt: string
  rule: string | null
  /** A year without calendar data was consulted (Monday–Friday fallback). */
  provisional: boolean
  paused: boolean
  overdue: boolean
  warningFraction: number
  deadlines: DeadlineView[]
  pauses: { from: string; to: string | null; reason: string | null; startedBy: string | null; endedBy: string | null }[]
}

export interface TimerRow {
  kind: string
  stage: string
  fire_at: Date
  due_at: Date
  fired_at: Date | null
  alert_id: string | null
  withdrawn_at: Date | null
}

export const timersOf = (sql: Sql, caseId: string): Promise<TimerRow[]> =>
  sql.query<TimerRow>('SELECT kind, stage, fire_at, due_at, fired_at, alert_id, withdrawn_at FROM escalation.sla_timers WHERE case_id = $1', [caseId])

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null)

/** The deadlines, their states and the pauses of a case at `now`. */
export function slaView(f: CaseFacts, policy: SlaPolicy, timers: readonly TimerRow[], now: Date): SlaView {
  const deadlines: DeadlineView[] = []
  for (const kind of DEADLINE_KINDS) {
    const rule = policy.ruleFor(f, kind)
    const due = kind === 'response' ? f.responseDueAt : f.resolutionDueAt
    if (!rule && !due) continue
    const pausedNow = kind === 'resolution' && !due && f.pauses.some((p) => p.to === null)
    // While paused: measure against the due date the closed pauses give.
    const measuredDue = due ?? (pausedNow ? policy.deadlineOf(f, kind, f.pauses.filter((p) => p.to !== null)) : null)
    const metAt = kind === 'response' ? firstContactOf(f) : f.closedAt
    const fired = (stage: string) => timers.find((t) => t.kind === kind && t.stage === stage && t.fired_at !== null && t.alert_id !== null && t.withdrawn_at === null)
    const warned = fired('warning')
    const breached = fired('breach')
    const pauses = kind === 'resolution' ? toPauses(f.pauses) : []
    const basis = rule ? warningBasisOf(rule.duration) : 'clock'
    const at = metAt ?? now
    const fraction = measuredDue ? policy.calendar.elapsedFraction(f.receivedAt, measuredDue, at, pauses, { basis }) : null
    const warningAt = measuredDue ? policy.calendar.warningAt(f.receivedAt, measuredDue, pauses, { fraction: policy.warningFraction, basis }) : null
    const late = due && at > due ? Math.floor((at.getTime() - due.getTime()) / 60_000) : 0
    let state: DeadlineState
    if (metAt || !isOpen(f)) state = due && metAt && metAt > due ? 'breached' : 'met'
    else if (pausedNow) state = 'paused'
    else if (breached || (due && now >= due)) state = 'breached'
    else if (warned || (fraction !== null && fraction >= policy.warningFraction)) state = 'warned'
    else state = 'running'
    deadlines.push({
      kind,
      rule: rule?.id ?? null,
      dueAt: iso(due),
      dueBeforePause: pausedNow ? iso(measuredDue) : null,
      warningAt: iso(warningAt),
      elapsedFraction: fraction === null ? null : Math.round(fraction * 10_000) / 10_000,
      state,
      metAt: iso(metAt),
      warnedAt: iso(warned?.fired_at),
      breachedAt: iso(breached?.fired_at),
      lateMinutes: late,
    })
  }
  return {
    caseId: f.caseId,
    department: f.department,
    status: f.status,
    receivedAt: f.receivedAt.toISOString(),
    rule: f.slaRule,
    provisional: f.deadlineProvisional,
    paused: f.pauses.some((p) => p.to === null),
    overdue: f.overdue,
    warningFraction: policy.warningFraction,
    deadlines,
    pauses: f.pauses.map((p) => {
      const x = p as typeof p & { startedBy?: string; endedBy?: string }
      return { from: p.from, to: p.to, reason: p.reason ?? null, startedBy: x.startedBy ?? null, endedBy: x.endedBy ?? null }
    }),
  }
}
