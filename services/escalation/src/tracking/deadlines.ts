import type { SlaPolicy } from '../sla/policy.ts'
import type { CaseFacts } from './case-facts.ts'

/**
 * The deadlines step of every change of a case (the tracker's, and the
 * statistics' batch path): recomputes them from the SLA policy when what they
 * depend on changed (or they were never computed), and judges a closed case
 * against them.
 */
export function withDeadlines(policy: SlaPolicy, before: CaseFacts | null, f: CaseFacts): CaseFacts {
  const same =
    before !== null &&
    before.slaRule !== null &&
    before.urgency === f.urgency &&
    before.appealType === f.appealType &&
    before.topic === f.topic &&
    JSON.stringify(before.pauses) === JSON.stringify(f.pauses)
  if (same && f.slaRule !== null) return f
  const d = policy.deadlines(f)
  const out: CaseFacts = { ...f, slaRule: d.rule, responseDueAt: d.responseDue, resolutionDueAt: d.resolutionDue, deadlineProvisional: d.provisional }
  // A case closed before a late-arriving tag moved its deadline: judge the closing against the new one.
  if (out.closedAt && out.resolutionDueAt) out.overdue = out.closedAt > out.resolutionDueAt
  return out
}
