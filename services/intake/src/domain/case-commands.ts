import { TOPICS, makeEnvelope, type CaseLifecycle, type CaseStatus, type Satisfaction } from '@hotline-hub/contracts'
import type { Db } from '@hotline-hub/db'
import type { Bus } from '@hotline-hub/bus'
import { errors } from '../errors.ts'
import type { Actor } from './actor.ts'
import { toView, type CaseRow, type CaseView } from './case-row.ts'
import { safeText } from './case-service.ts'
import { TRANSITIONS, checkTransition, type Command, type Transition } from './lifecycle.ts'

/** What a lifecycle command may carry. */
export interface CommandBody {
  department?: string
  reason?: string
  reply?: string
  satisfaction?: Satisfaction
  /** 回访: was the problem solved (解决率)? */
  solved?: boolean
  primaryId?: string
}

/** Lifecycle commands: legal transitions only, role-checked, appended to history and to case.lifecycle.v1. */
export class CaseCommands {
  constructor(private readonly d: { db: Db; bus: Bus; now?: () => Date }) {}

  async run(caseId: string, command: Command, body: CommandBody, actor: Actor): Promise<CaseView> {
    const t: Transition = TRANSITIONS[command]
    for (const field of t.requires ?? []) {
      const v = (body as Record<string, unknown>)[field]
      if (v === undefined || v === null || (typeof v === 'string' && !v.trim()))
        throw errors.create('VALIDATION', { pointer: `/${field}`, detail: `${command} needs ${field}` })
    }
    const now = this.d.now?.() ?? new Date()
    return this.d.db.transaction(async (tx) => {
      const [row] = await tx.query<CaseRow>('SELECT * FROM intake.cases WHERE id = $1 FOR UPDATE', [caseId])
      if (!row) throw errors.create('CASE_NOT_FOUND', { pointer: '/id', detail: `case ${caseId} not found` })
      if (actor.role === 'department' && row.department !== actor.department)
        throw errors.create('FORBIDDEN_ROLE', { detail: `case ${caseId} is not dispatched to ${actor.department}` })
      if (actor.role === 'integrator' && !actor.channels?.includes(row.channel))
        throw errors.create('CHANNEL_NOT_ALLOWED', { detail: `case ${caseId} is not on this key's channels` })
      const check = checkTransition(command, row.status, actor.role)
      if (!check.ok) {
        if (check.why === 'forbidden_role')
          throw errors.create('FORBIDDEN_ROLE', { detail: `${actor.role} may not ${command} (${t.zh})` })
        throw errors.create('ILLEGAL_TRANSITION', { pointer: '/status', detail: `cannot ${command} (${t.zh}) a case that is ${row.status}` })
      }
      if (command === 'merge') await checkMergeTarget(tx, caseId, body.primaryId!)
      const to: CaseStatus = check.to
      const department = command === 'dispatch' ? body.department! : row.department
      const [updated] = await tx.query<CaseRow>(
        `UPDATE intake.cases SET status = $2, department = $3, merged_into = COALESCE($4, merged_into),
            updated_at = $5, version = version + 1 WHERE id = $1 RETURNING *`,
        [caseId, to, department, command === 'merge' ? body.primaryId : null, now],
      )
      const details: Record<string, unknown> = {}
      if (body.reply) details.reply = safeText(body.reply)
      if (body.satisfaction) details.satisfaction = body.satisfaction
      if (body.solved !== undefined) details.solved = body.solved
      if (body.primaryId) details.primaryId = body.primaryId
      const reason = safeText(body.reason)
      await tx.query(
        `INSERT INTO intake.case_events (case_id, action, from_status, to_status, actor_id, actor_role, at, reason, department, details)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb)`,
        [caseId, command, row.status, to, actor.id, actor.role, now, reason ?? null, department, JSON.stringify(details)],
      )
      const data: CaseLifecycle = {
        action: command,
        from: row.status,
        to,
        actor: { id: actor.id, role: actor.role },
        at: now.toISOString(),
        ...(reason ? { reason } : {}),
        ...(department ? { department } : {}),
        details: { ...details, channel: row.channel, receivedAt: row.received_at.toISOString() },
      }
      await this.d.bus.publish(tx, [
        { topic: TOPICS.caseLifecycle, key: caseId, envelope: makeEnvelope(TOPICS.caseLifecycle, { source: 'intake', caseId, data, occurredAt: now }) },
      ])
      return toView(updated!)
    })
  }
}

async function checkMergeTarget(tx: import('@hotline-hub/db').Sql, caseId: string, primaryId: string): Promise<void> {
  if (primaryId === caseId) throw errors.create('MERGE_TARGET_INVALID', { pointer: '/primaryId', detail: 'a case cannot be merged into itself' })
  const [primary] = await tx.query<{ status: CaseStatus }>('SELECT status FROM intake.cases WHERE id = $1', [primaryId])
  if (!primary) throw errors.create('MERGE_TARGET_INVALID', { pointer: '/primaryId', detail: `primary case ${primaryId} not found` })
  if (primary.status === 'merged') throw errors.create('MERGE_TARGET_INVALID', { pointer: '/primaryId', detail: `${primaryId} is itself merged` })
}
