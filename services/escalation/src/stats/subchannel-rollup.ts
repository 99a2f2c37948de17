import { TOPICS, type CanonicalCase, type CaseReceived } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import type { ChangeHook } from '../tracking/tracker.ts'
import { COUNTERS, countedOf, rollupDelta } from '../tracking/rollup.ts'
import type { StatsVocabulary } from './stats-config.ts'

/** The line (条线) of a case of a split channel: `extra[field]` (radio-hotline: extra.programme), or null. */
export function subchannelOf(c: Pick<CanonicalCase, 'extra'>, field: string): string | null {
  const v = c.extra?.[field]
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 64) : null
}

/** Adds deltas to escalation.rollup_subchannel_daily (the rollup of the split channels' lines). */
export async function applySubchannelRollup(tx: Sql, subchannel: string, changes: ReturnType<typeof rollupDelta>): Promise<void> {
  for (const { row, delta } of changes) {
    await tx.query(
      `INSERT INTO escalation.rollup_subchannel_daily AS r (day, channel, subchannel, department, topic, district, ${COUNTERS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, $6, ${COUNTERS.map((_, i) => `$${i + 7}`).join(', ')})
       ON CONFLICT (day, channel, subchannel, department, topic, district) DO UPDATE SET
       ${COUNTERS.map((k) => `${k} = r.${k} + EXCLUDED.${k}`).join(', ')}`,
      [row.day, row.channel, subchannel, row.department, row.topic, row.district, ...COUNTERS.map((k) => delta[k])],
    )
  }
}

/**
 * The tracker hook that keeps the lines of split channels (行风热线 and
 * 纠风直通车 within radio-hotline) counted: the same deltas as
 * rollup_daily, with the line the case was received on. Runs in the
 * consumer's transaction, so it is exactly once like the rollup itself.
 * A case's line is remembered in escalation.case_subchannels when it is
 * received; only cases of channels split now are followed.
 */
export function subchannelHook(vocabulary: () => StatsVocabulary): ChangeHook {
  return async (tx, { before, after, topic, envelope }) => {
    const field = vocabulary().subchannelField(after.channel)
    if (!field) return
    let sub: string | null
    if (before === null) {
      if (topic !== TOPICS.caseReceived || !envelope) return
      sub = subchannelOf((envelope.data as CaseReceived).case, field)
      if (sub === null) return
      await tx.query('INSERT INTO escalation.case_subchannels (case_id, channel, subchannel) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING', [
        after.caseId,
        after.channel,
        sub,
      ])
    } else {
      const [row] = await tx.query<{ subchannel: string }>('SELECT subchannel FROM escalation.case_subchannels WHERE case_id = $1', [after.caseId])
      if (!row) return
      sub = row.subchannel
    }
    await applySubchannelRollup(tx, sub, rollupDelta(before ? countedOf(before) : null, countedOf(after)))
  }
}
