// The committed model keeps its quality: macro-F1 on the dev split (the
// test split is for the final evaluation only and is not read here).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { DEFAULT_MODELS_DIR, evaluate, readMessages } from '../src/topic/index.ts'
import { shippedModel, tipdmSplit } from './topic-shipped-model.ts'

const model = shippedModel()

t.test('the shipped artifact is small and describes itself', async (t) => {
  const header = join(DEFAULT_MODELS_DIR, `topic-${model.version}.json`)
  const binary = join(DEFAULT_MODELS_DIR, `topic-${model.version}.bin.gz`)
  const bytes = statSync(header).size + statSync(binary).size
  t.ok(bytes < 20e6, `artifact ${(bytes / 1e6).toFixed(1)} MB`)
  t.match(model.version, /^\d{8}-[0-9a-f]{10}$/)
  t.equal(model.data.labels.length, 7)
  t.ok(model.data.metrics.dev && model.data.metrics.dev.macroF1 >= 0.88, 'dev metrics recorded at training')
  t.equal(model.data.training.bySource.test, undefined, 'never trained on the test split')
  t.equal(model.data.training.bySource.dev, undefined, 'nor on dev')
})

const devPath = tipdmSplit('dev')
// Without the shared data a developer's run skips; CI must have it and fails.
const skip = !devPath && process.env.CI !== 'true' ? 'shared/data/tipdm2020 is not beside the repository (set HOTLINE_TIPDM_DIR)' : false
{
  t.test('macro-F1 on the dev split is at least 0.88', { skip }, async (t) => {
    t.ok(devPath, 'the TipDM dev split must be present in CI (shared/data/tipdm2020)')
    if (!devPath) return
    const rows = readMessages(devPath, 'dev', model.labels)
    t.equal(rows.length, 1238)
    const gold = rows.map((r) => model.labels.indexOf(r.label))
    const predicted = rows.map((r) => model.labels.indexOf(model.predict(r.text).label))
    const e = evaluate(gold, predicted, model.labels)
    t.ok(e.macroF1 >= 0.88, `dev macro-F1 ${e.macroF1.toFixed(4)}`)
    t.ok(e.accuracy >= 0.88, `dev accuracy ${e.accuracy.toFixed(4)}`)
    t.ok(Math.abs(e.macroF1 - model.data.metrics.dev!.macroF1) < 0.005, 'as recorded in the artifact')
  })
}
