import type { Pause, WorkingCalendar } from '@hotline-hub/calendar'
import type { DisclosurePolicy } from './policy.ts'
import type { DisclosureRow } from './store.ts'
import { APPLICANT_TYPES, outcomeLabel } from './form.ts'

/** The clock pauses of a request: 补正 restarts the period in full; 征求第三方意见 does not count. */
export function pausesOf(r: DisclosureRow): Pause[] {
  const out: Pause[] = []
  if (r.correction_notice_at) out.push({ from: r.correction_notice_at, to: r.correction_received_at, effect: 'restart' })
  for (const c of r.consultations) out.push({ from: new Date(c.from), to: c.to ? new Date(c.to) : null, effect: 'suspend' })
  return out
}

/** 答复期限: 20 working days (+ the extension), after the pauses; null while a pause is open. */
export function answerDue(calendar: WorkingCalendar, policy: DisclosurePolicy, r: DisclosureRow, withExtension = true) {
  const days = policy.data.answerWorkingDays + (withExtension ? (r.extension_days ?? 0) : 0)
  return calendar.deadline({ kind: 'working-days', start: r.received_at, days, dueAt: 'end-of-day' }, pausesOf(r))
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null

/** A request as the API shows it: its due dates, pauses, state and lateness (in working days). */
export function disclosureView(calendar: WorkingCalendar, policy: DisclosurePolicy, r: DisclosureRow, now: Date) {
  const due = answerDue(calendar, policy, r)
  const original = answerDue(calendar, policy, r, false)
  const correctionBy = calendar.addWorkingDays(r.received_at, policy.data.correctionNoticeWorkingDays).due
  const end = r.outcome_at ?? now
  const late = due.due && end > due.due ? calendar.workingDaysBetween(due.due, end).days : 0
  const state = r.outcome ? (late > 0 ? 'answered-late' : 'answered') : due.state === 'paused' ? 'paused' : late > 0 ? 'overdue' : 'open'
  return {
    caseId: r.case_id,
    receivedAt: r.received_at.toISOString(),
    department: r.department ?? null,
    applicantType: r.applicant_type,
    applicantTypeName: APPLICANT_TYPES.find((a) => a.code === r.applicant_type)?.label ?? null,
    state,
    dueAt: iso(due.due),
    originalDueAt: iso(original.due),
    provisional: due.provisional,
    pausedSince: iso(due.pausedSince),
    lateWorkingDays: late,
    extension: r.extension_days
      ? { days: r.extension_days, reason: r.extension_reason, approvedBy: r.extension_approved_by, approvedAt: iso(r.extension_approved_at), noticeSentAt: iso(r.extension_notice_at) }
      : null,
    correction: r.correction_notice_at
      ? { items: r.correction_items, noticeAt: iso(r.correction_notice_at), noticeDueAt: correctionBy.toISOString(), noticeLate: r.correction_notice_at > correctionBy, receivedAt: iso(r.correction_received_at) }
      : { noticeDueAt: correctionBy.toISOString() },
    consultations: r.consultations.map((c) => ({ ...c, opinionDueAt: calendar.addWorkingDays(new Date(c.from), policy.data.thirdPartyWorkingDays).due.toISOString() })),
    outcome: r.outcome ? { code: r.outcome, reason: r.outcome_reason, label: outcomeLabel(r.outcome, r.outcome_reason), note: r.outcome_note, at: iso(r.outcome_at), by: r.outcome_by } : null,
  }
}
export type DisclosureView = ReturnType<typeof disclosureView>
