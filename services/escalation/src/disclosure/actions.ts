import type { Sql } from '@hotline-hub/db'
import type { WorkingCalendar } from '@hotline-hub/calendar'
import type { Principal, Reloadable } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import type { Db } from '@hotline-hub/db'
import { recordLive } from '../emergency/live.ts'
import { answerDue } from './deadline.ts'
import { reasonsOf, type ApplicantType, type OutcomeCode } from './form.ts'
import type { DisclosurePolicy } from './policy.ts'
import { getDisclosure, type DisclosureRow } from './store.ts'

export interface DisclosureContext {
  db: Db
  calendar: WorkingCalendar
  policy: Reloadable<DisclosurePolicy>
  now: () => Date
}

/** Runs `fn` on a locked request the principal may act on (a department only on its own). */
async function withRequest(ctx: DisclosureContext, who: Principal, caseId: string, fn: (tx: Sql, r: DisclosureRow) => Promise<Record<string, unknown>>, open = true): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await getDisclosure(tx, caseId, true)
    if (!r || (who.role === 'department' && r.department !== who.department)) throw errors.create('DISCLOSURE_NOT_FOUND', { pointer: '/caseId', detail: `no disclosure request ${caseId}` })
    if (open && r.outcome) throw errors.create('DISCLOSURE_CLOSED', { detail: `request ${caseId} was answered on ${r.outcome_at!.toISOString()}` })
    const change = await fn(tx, r)
    await tx.query('UPDATE escalation.disclosure_requests SET updated_at = now() WHERE case_id = $1', [caseId])
    await recordLive(tx, 'disclosure.updated', { caseId, ...change })
  })
}

/** A time given for an action: not before `notBefore` (the receipt, a notice…), not in the future. */
function timeOf(ctx: DisclosureContext, text: string | undefined, notBefore: Date, pointer: string): Date {
  const now = ctx.now()
  const t = text ? new Date(text) : now
  if (Number.isNaN(t.getTime()) || t < notBefore || t.getTime() > now.getTime() + 60_000) {
    throw errors.create('DISCLOSURE_TIME_OUT_OF_RANGE', { pointer, detail: `${text} is not between ${notBefore.toISOString()} and now` })
  }
  return t
}

export async function setApplicantType(ctx: DisclosureContext, who: Principal, caseId: string, type: ApplicantType): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx) => {
    await tx.query('UPDATE escalation.disclosure_requests SET applicant_type = $2 WHERE case_id = $1', [caseId, type])
    return { applicantType: type }
  }, false)
}

/** 延期: once, ≤ the policy's maximum, approved by the 机构负责人 and noticed to the applicant before the period ends. */
export async function extend(ctx: DisclosureContext, who: Principal, caseId: string, b: { days: number; reason: string; approvedBy: string; approvedAt?: string; noticeSentAt: string }): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx, r) => {
    if (r.extension_days) throw errors.create('DISCLOSURE_EXTENSION_USED', { pointer: '/days' })
    const max = ctx.policy.current.data.extensionMaxWorkingDays
    if (b.days > max) throw errors.create('VALIDATION', { pointer: '/days', detail: `an extension is at most ${max} working days` })
    const approvedAt = timeOf(ctx, b.approvedAt, r.received_at, '/approvedAt')
    const noticeAt = timeOf(ctx, b.noticeSentAt, approvedAt, '/noticeSentAt')
    const due = answerDue(ctx.calendar, ctx.policy.current, r, false).due
    if (due && noticeAt > due) throw errors.create('DISCLOSURE_EXTENSION_TOO_LATE', { pointer: '/noticeSentAt', detail: `the period ended on ${due.toISOString()}` })
    await tx.query(
      `UPDATE escalation.disclosure_requests SET extension_days = $2, extension_reason = $3, extension_approved_by = $4, extension_approved_at = $5, extension_notice_at = $6 WHERE case_id = $1`,
      [caseId, b.days, b.reason, b.approvedBy, approvedAt, noticeAt],
    )
    return { extensionDays: b.days }
  })
}

/** 补正告知: once (一次性告知); the clock stops until the correction arrives, then starts again in full. */
export async function noticeCorrection(ctx: DisclosureContext, who: Principal, caseId: string, b: { items: string; at?: string }): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx, r) => {
    if (r.correction_notice_at) throw errors.create('DISCLOSURE_CORRECTION_USED')
    const at = timeOf(ctx, b.at, r.received_at, '/at')
    await tx.query('UPDATE escalation.disclosure_requests SET correction_items = $2, correction_notice_at = $3 WHERE case_id = $1', [caseId, b.items, at])
    return { correctionNoticeAt: at.toISOString() }
  })
}

export async function receiveCorrection(ctx: DisclosureContext, who: Principal, caseId: string, b: { at?: string }): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx, r) => {
    if (!r.correction_notice_at || r.correction_received_at) throw errors.create('DISCLOSURE_NO_CORRECTION_PENDING')
    const at = timeOf(ctx, b.at, r.correction_notice_at, '/at')
    await tx.query('UPDATE escalation.disclosure_requests SET correction_received_at = $2 WHERE case_id = $1', [caseId, at])
    return { correctionReceivedAt: at.toISOString() }
  })
}

/** 征求第三方意见: opens (or, with `end`, closes) a consultation; its time does not count. */
export async function consult(ctx: DisclosureContext, who: Principal, caseId: string, b: { thirdParty?: string; at?: string }, end: boolean): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx, r) => {
    const list = [...r.consultations]
    const openOne = list.find((c) => c.to === null)
    if (end ? !openOne : openOne) throw errors.create('DISCLOSURE_CONSULTATION_STATE', { detail: end ? 'no consultation is open' : 'a consultation is already open' })
    if (end) openOne!.to = timeOf(ctx, b.at, new Date(openOne!.from), '/at').toISOString()
    else list.push({ thirdParty: b.thirdParty ?? '第三方', from: timeOf(ctx, b.at, r.received_at, '/at').toISOString(), to: null })
    await tx.query('UPDATE escalation.disclosure_requests SET consultations = $2::jsonb WHERE case_id = $1', [caseId, JSON.stringify(list)])
    return { consultations: list.length }
  })
}

/** 办理结果: with one of its reasons where the form has them. */
export async function answer(ctx: DisclosureContext, who: Principal, caseId: string, b: { outcome: OutcomeCode; reason?: string; at?: string; note?: string }): Promise<void> {
  await withRequest(ctx, who, caseId, async (tx, r) => {
    const reasons = reasonsOf(b.outcome)
    if (reasons.length ? !b.reason || !reasons.includes(b.reason) : b.reason !== undefined) {
      throw errors.create('DISCLOSURE_BAD_REASON', { pointer: '/reason', detail: reasons.length ? `${b.outcome} needs one of ${reasons.join(', ')}` : `${b.outcome} takes no reason` })
    }
    const at = timeOf(ctx, b.at, r.received_at, '/at')
    await tx.query('UPDATE escalation.disclosure_requests SET outcome = $2, outcome_reason = $3, outcome_note = $4, outcome_at = $5, outcome_by = $6 WHERE case_id = $1', [
      caseId,
      b.outcome,
      b.reason ?? null,
      b.note ?? null,
      at,
      who.id,
    ])
    return { outcome: b.outcome, reason: b.reason ?? null }
  })
}
