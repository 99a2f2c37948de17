import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { SlaPolicy } from '../src/sla/policy.ts'
import { loadStatsConfig } from '../src/stats/stats-config.ts'
import { foldHistories, RollupAccumulator, writeRollups } from '../src/stats/batch-projection.ts'
import { buildEscalation } from './helper.ts'
import { DISPLAYS, historyChunks, SEED_002 } from './fixtures/stats-seed-002.ts'
import { checkSeedLines } from './fixtures/stats-seed-002-checks.ts'

// Seed 002 at full size: 689,373 cases and 1.9 million events, folded in memory (projectBatch's
// two halves) and written as summed rollup rows. The folding does not touch the database, so it is
// done once and its rows written in each mode; stats-batch-projection-matches-the-consumer checks
// projectBatch itself against the consumer.
let folded: RollupAccumulator[] | null = null
function fold(): RollupAccumulator[] {
  const o = { policy: SlaPolicy.load(), vocabulary: loadStatsConfig().vocabulary }
  folded ??= Array.from(historyChunks(SEED_002, 50_000), (chunk) => {
    const acc = new RollupAccumulator()
    foldHistories(o.policy, o.vocabulary, chunk, acc)
    return acc
  })
  return folded
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0' }, () => mode.cleanup())
    let cases = 0
    for (const acc of fold()) {
      await app.runtime.db.transaction((tx) => writeRollups(tx, acc))
      cases += acc.cases
    }
    t.equal(cases, SEED_002.reduce((n, l) => n + l.received, 0))
    await checkSeedLines(t, app, SEED_002, DISPLAYS)
  })
}
