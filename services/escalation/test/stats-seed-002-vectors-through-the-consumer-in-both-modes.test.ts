import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation } from './helper.ts'
import { publishSteps } from './fixtures/stats-history.ts'
import { DISPLAYS, SEED_002_SCALED, stepsOf } from './fixtures/stats-seed-002.ts'
import { checkSeedLines } from './fixtures/stats-seed-002-checks.ts'

// Seed 002 scaled down to 1,210 cases with the same printed rates, published on the bus and applied by the real consumer.
for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0' }, () => mode.cleanup())
    await publishSteps(app, stepsOf(SEED_002_SCALED))
    await checkSeedLines(t, app, SEED_002_SCALED, DISPLAYS)
  })
}
