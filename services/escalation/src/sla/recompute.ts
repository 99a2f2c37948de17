import type { EscalationDeps } from '../module.ts'
import { loadFacts } from '../tracking/case-store.ts'
import { planTimers, syncTimers } from './timers.ts'

const BATCH = 500
const DONE = ['closed', 'followed_up', 'resolved_on_call', 'merged']
const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null)

/**
 * After a policy reload: the open cases' deadlines are computed again with
 * the new rules (a case whose deadlines do not change is left alone, except
 * that its pending timers follow a new warningFraction). Batches of 500, one
 * transaction each, every case under its row lock; a breach or warning that
 * was raised stays raised. Closed cases keep the deadlines they were judged by.
 */
export async function recomputeOpenCases(deps: Pick<EscalationDeps, 'db' | 'sla' | 'tracker'>): Promise<{ open: number; changed: number }> {
  let after = ''
  let open = 0
  let changed = 0
  for (;;) {
    const ids = await deps.db.query<{ case_id: string }>(
      'SELECT case_id FROM escalation.cases WHERE case_id > $1 AND NOT (status = ANY($2::text[])) ORDER BY case_id LIMIT $3',
      [after, DONE, BATCH],
    )
    if (ids.length === 0) break
    after = ids[ids.length - 1]!.case_id
    open += ids.length
    changed += await deps.db.transaction(async (tx) => {
      let n = 0
      const policy = deps.sla.current
      for (const { case_id } of ids) {
        const stored = await loadFacts(tx, case_id)
        if (!stored) continue
        let f = stored.facts
        const d = policy.deadlines(f)
        if (d.rule !== f.slaRule || !same(d.responseDue, f.responseDueAt) || !same(d.resolutionDue, f.resolutionDueAt) || d.provisional !== f.deadlineProvisional) {
          // slaRule null makes the tracker compute the deadlines again (and its hooks see the change).
          await deps.tracker.update(tx, case_id, (x) => ({ ...x, slaRule: null }))
          f = (await loadFacts(tx, case_id))?.facts ?? f
          n++
        }
        await syncTimers(tx, case_id, planTimers(f, policy))
      }
      return n
    })
    if (ids.length < BATCH) break
  }
  return { open, changed }
}
