import type { Sql } from '@hotline-hub/db'
import { factsOf } from '../tracking/case-store.ts'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { ChangeHook } from '../tracking/tracker.ts'
import type { EmergencyContext } from './context.ts'
import { areaText, candidatesOf, clusterWindow, worthEvaluating, type Candidate } from './match-rules.ts'
import { findOpenIncident, getIncident, lockIncidentKey, openIncidentsHolding } from './incident-store.ts'
import { joinIncident, openIncident } from './open-incident.ts'
import { LiveBatch } from './live.ts'

/**
 * 触发规则: evaluated on every change of a case, inside the consumer's
 * transaction (exactly once). A rule that fires opens one incident per key
 * (hazard or topic + area); a case whose key is already open joins it.
 * Keys are locked (advisory, sorted) before anything is read, so that
 * concurrent consumers neither open the same incident twice nor miss a
 * cluster that two of them complete at once.
 */
export function emergencyTriggerHook(ctx: EmergencyContext): ChangeHook {
  return async (tx, { before, after }) => {
    if (!worthEvaluating(before, after)) return
    const candidates = candidatesOf(ctx.rules.current.triggers, after)
    if (!candidates.length) return
    for (const key of [...new Set(candidates.map((c) => c.key))].sort()) await lockIncidentKey(tx, key)
    const live = new LiveBatch()
    const handledKeys = new Set<string>()
    const rulesDone = new Set<string>()
    for (const c of candidates) {
      if (handledKeys.has(c.key) || rulesDone.has(c.rule.id)) continue
      if (await apply(ctx, tx, c, after, live)) {
        handledKeys.add(c.key)
        rulesDone.add(c.rule.id)
      }
    }
    await live.flush(tx)
  }
}

/** One candidate: join the open incident of its key, or open one when the rule fires. True when the case is now in an incident. */
async function apply(ctx: EmergencyContext, tx: Sql, c: Candidate, f: CaseFacts, live: LiveBatch): Promise<boolean> {
  const open = await findOpenIncident(tx, c.key)
  if (open) {
    await joinIncident(ctx, tx, open, f, c.rule.id, live)
    return true
  }
  let cases: CaseFacts[] = [f]
  if (c.rule.kind === 'cluster') {
    const members = await clusterMembers(tx, c, f)
    if (!members) return false
    // Most of the cluster is already one incident (say five gas-leak calls under another key): the case joins it.
    const held = await openIncidentsHolding(tx, members.filter((m) => m.caseId !== f.caseId).map((m) => m.caseId))
    if (held[0] && held[0].n * 2 >= members.length - 1) {
      await joinIncident(ctx, tx, (await getIncident(tx, held[0].incident_id))!, f, c.rule.id, live)
      return true
    }
    cases = members
  }
  const title =
    c.rule.kind === 'sentiment'
      ? `敏感舆情：${c.subject}（${areaText(c.area)}）`
      : c.rule.kind === 'cluster'
        ? `${c.subject}诉求聚集（${areaText(c.area)}，${c.rule.windowMinutes} 分钟内 ${cases.length} 件）`
        : `${c.subject}（${areaText(c.area)}）`
  await openIncident(ctx, tx, {
    key: c.key,
    trigger: c.rule.kind === 'manual' ? 'manual' : c.rule.kind,
    ruleId: c.rule.id,
    grade: c.rule.grade,
    title,
    subject: c.subject,
    area: c.area,
    cases,
    receivedAt: new Date(Math.min(...cases.map((x) => x.receivedAt.getTime()))),
    createdBy: 'system',
  }, live)
  return true
}

/** 聚集: the cases of the same subject and area in the densest window around this one, when there are enough. */
async function clusterMembers(tx: Sql, c: Candidate, f: CaseFacts): Promise<CaseFacts[] | null> {
  if (c.rule.kind !== 'cluster' || !c.area) return null
  const windowMs = c.rule.windowMinutes * 60_000
  const rows = await tx.query<Parameters<typeof factsOf>[0]>(
    `SELECT * FROM escalation.cases
      WHERE coalesce(district, '') = $1 AND coalesce(street, '') = $2
        AND received_at BETWEEN $3 AND $4
        AND (CASE WHEN $5 = 'topic' THEN topic = $6 ELSE $6 = ANY(subtopics) END)
      ORDER BY received_at LIMIT 5000`,
    [c.area.district, c.area.street, new Date(f.receivedAt.getTime() - windowMs), new Date(f.receivedAt.getTime() + windowMs), c.on, c.subject],
  )
  const cases = rows.map(factsOf)
  if (!cases.some((x) => x.caseId === f.caseId)) cases.push(f)
  return clusterWindow(cases, f.receivedAt, windowMs, c.rule.minCases)
}
