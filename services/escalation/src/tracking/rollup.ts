import type { Sql } from '@hotline-hub/db'
import { dayOf, formatIsoDate } from '@hotline-hub/calendar'
import type { CaseFacts } from './case-facts.ts'

/** The counters of a rollup row (DOMAIN.md, Statistics). */
export const COUNTERS = ['received', 'dispatched', 'closed', 'closed_on_time', 'responded', 'followed_up', 'solved', 'satisfied', 'overdue'] as const
export type Counter = (typeof COUNTERS)[number]

/** Where a case counts (日汇总 row) and what it counts for (0 or 1 each). */
export interface Counted {
  day: string
  channel: string
  department: string
  topic: string
  district: string
  flags: Record<Counter, 0 | 1>
}

const bit = (b: boolean): 0 | 1 => (b ? 1 : 0)

/**
 * What one case contributes to the statistics now:
 * - 受理 received: every case;
 * - 转办 dispatched: handed to a department (a 监督员 case once 立案), not 并单 away;
 * - 办结 closed: dispatched and now closed (or followed up after closing);
 * - 按期办结 closed on time: closed before its resolution deadline (or it had none);
 * - 响应 responded: dispatched and first contact (签收) before the response deadline (or it had none);
 * - 回访 followed up, 解决 solved, 满意 satisfied (满意 or 基本满意);
 * - 超期 overdue: closed late, or open past its deadline.
 * The day is the day of receipt in China time.
 */
export function countedOf(f: CaseFacts): Counted {
  const dispatched = f.dispatchedAt !== null && f.status !== 'merged'
  const closed = dispatched && f.closedAt !== null && (f.status === 'closed' || f.status === 'followed_up')
  const followedUp = f.followedUpAt !== null && f.satisfaction !== null
  return {
    day: formatIsoDate(dayOf(f.receivedAt)),
    channel: f.channel,
    department: f.department ?? '',
    topic: f.topic ?? '',
    district: f.district ?? '',
    flags: {
      received: 1,
      dispatched: bit(dispatched),
      closed: bit(closed),
      closed_on_time: bit(closed && (f.resolutionDueAt === null || f.closedAt! <= f.resolutionDueAt)),
      responded: bit(dispatched && f.acceptedAt !== null && (f.responseDueAt === null || f.acceptedAt <= f.responseDueAt)),
      followed_up: bit(followedUp),
      solved: bit(followedUp && f.solved === true),
      satisfied: bit(followedUp && (f.satisfaction === '满意' || f.satisfaction === '基本满意')),
      overdue: bit(f.overdue),
    },
  }
}

const sameRow = (a: Counted, b: Counted) =>
  a.day === b.day && a.channel === b.channel && a.department === b.department && a.topic === b.topic && a.district === b.district

/** The changes to apply to the rollups when a case goes from `before` (null: new) to `after`. */
export function rollupDelta(before: Counted | null, after: Counted): { row: Omit<Counted, 'flags'>; delta: Record<Counter, number> }[] {
  const out: { row: Omit<Counted, 'flags'>; delta: Record<Counter, number> }[] = []
  const minus = (c: Counted) => Object.fromEntries(COUNTERS.map((k) => [k, -c.flags[k]])) as Record<Counter, number>
  if (before && !sameRow(before, after)) out.push({ row: before, delta: minus(before) })
  const delta = Object.fromEntries(COUNTERS.map((k) => [k, after.flags[k] - (before && sameRow(before, after) ? before.flags[k] : 0)])) as Record<Counter, number>
  if (COUNTERS.some((k) => delta[k] !== 0)) out.push({ row: after, delta })
  return out
}

/** Adds deltas to the rollup rows, creating rows as needed. */
export async function applyRollup(tx: Sql, changes: ReturnType<typeof rollupDelta>): Promise<void> {
  for (const { row, delta } of changes) {
    await tx.query(
      `INSERT INTO escalation.rollup_daily (day, channel, department, topic, district, ${COUNTERS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, ${COUNTERS.map((_, i) => `$${i + 6}`).join(', ')})
       ON CONFLICT (day, channel, department, topic, district) DO UPDATE SET
       ${COUNTERS.map((k) => `${k} = escalation.rollup_daily.${k} + EXCLUDED.${k}`).join(', ')}`,
      [row.day, row.channel, row.department, row.topic, row.district, ...COUNTERS.map((k) => delta[k])],
    )
  }
}
