// Tries feature and learner settings on the dev split and prints a table.
// Never reads the test split.
//   pnpm --filter @hotline-hub/classifier tune [--grid grid.json] [--folds 5] [--data-dir DIR]
// With --folds, each trial is also scored by k-fold cross-validation on the
// train split (pooled macro-F1), a steadier guide than the 1,238 dev cases.
// A grid file is a JSON array of {name, features?: partial FeatureConfig, learner}.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { DEFAULT_TOPIC_PARAMS, type LearnerParams } from '../topic/params.ts'
import type { FeatureConfig } from '../topic/feature-config.ts'
import type { RawFeatures } from '../topic/extract-features.ts'
import { readMessages } from '../topic/dataset.ts'
import { TOPIC_LABELS } from '../topic/labels.ts'
import { defaultDataDir } from '../topic/paths.ts'
import { loadSegmenter } from '../topic/segment.ts'
import { computeIdf } from '../topic/tfidf.ts'
import { TopicVectorizer } from '../topic/vectorizer.ts'
import { fitLearner, argmax } from '../topic/train.ts'
import { evaluate } from '../topic/metrics.ts'
import { scoreInto } from '../topic/learn/types.ts'
import { DEFAULT_GRID } from './tune-grid.ts'
import { mulberry32, range, shuffle } from '../topic/learn/random.ts'

interface Trial {
  name: string
  features?: Partial<FeatureConfig>
  learner: LearnerParams
}

const { values } = parseArgs({ options: { grid: { type: 'string' }, folds: { type: 'string' }, 'data-dir': { type: 'string' } } })
const folds = Number(values.folds ?? 0)
const dataDir = values['data-dir'] ?? defaultDataDir()
const grid: Trial[] = values.grid ? JSON.parse(readFileSync(values.grid, 'utf8')) : DEFAULT_GRID
const labels: string[] = [...TOPIC_LABELS]
const train = readMessages(join(dataDir, 'messages.train.jsonl'), 'train', labels)
const dev = readMessages(join(dataDir, 'messages.dev.jsonl'), 'dev', labels)
loadSegmenter()

const rawCache = new Map<string, { train: RawFeatures[]; dev: RawFeatures[] }>()
const y = Int32Array.from(train, (e) => labels.indexOf(e.label))
const gold = dev.map((e) => labels.indexOf(e.label))
console.log(`| trial | dev macro-F1 | dev accuracy |${folds ? ` ${folds}-fold CV macro-F1 |` : ''} active buckets | seconds |`)
console.log(`|---|---|---|${folds ? '---|' : ''}---|---|`)
const foldOf = Int32Array.from(shuffle(range(train.length), mulberry32(1)), (_, i) => i % Math.max(folds, 1))
const trialLabels = Int32Array.from(train, (e) => labels.indexOf(e.label))
function crossValidate(raws: RawFeatures[], features: FeatureConfig, learner: LearnerParams, vectorizer: TopicVectorizer): number {
  const pred = new Array<number>(raws.length).fill(0)
  const order = Array.from(foldOf.keys())
  for (let f = 0; f < folds; f++) {
    const tr = order.filter((i) => foldOf[i] !== f)
    const te = order.filter((i) => foldOf[i] === f)
    const idf = computeIdf(tr.map((i) => raws[i]!), features.bits, features.minDf)
    const X = tr.map((i) => vectorizer.weigh(raws[i]!, idf).vec)
    const w = fitLearner({ X, y: Int32Array.from(tr, (i) => trialLabels[i]!), weight: new Float32Array(X.length).fill(1), classes: labels.length, dim: 1 << features.bits }, learner)
    const out = new Float64Array(labels.length)
    for (const i of te) pred[i] = argmax(scoreInto(w, vectorizer.weigh(raws[i]!, idf).vec, out))
  }
  return evaluate(Array.from(trialLabels), pred, labels).macroF1
}
for (const trial of grid) {
  const features: FeatureConfig = { ...DEFAULT_TOPIC_PARAMS.features, ...trial.features }
  const vectorizer = new TopicVectorizer(features)
  const rawKey = JSON.stringify({ ...features, minDf: 0, wordWeight: 0, charWeight: 0, sublinearTf: 0 })
  const t0 = performance.now()
  let raws = rawCache.get(rawKey)
  if (!raws) {
    raws = {
      train: train.map((e) => vectorizer.raw(vectorizer.normalize(e.text))),
      dev: dev.map((e) => vectorizer.raw(vectorizer.normalize(e.text))),
    }
    rawCache.set(rawKey, raws)
  }
  const idf = computeIdf(raws.train, features.bits, features.minDf)
  let active = 0
  for (const v of idf) if (v !== 0) active++
  const X = raws.train.map((r) => vectorizer.weigh(r, idf).vec)
  const weights = fitLearner({ X, y, weight: new Float32Array(X.length).fill(1), classes: labels.length, dim: 1 << features.bits }, trial.learner)
  const out = new Float64Array(labels.length)
  const pred = raws.dev.map((r) => argmax(scoreInto(weights, vectorizer.weigh(r, idf).vec, out)))
  const e = evaluate(gold, pred, labels)
  const secs = ((performance.now() - t0) / 1000).toFixed(1)
  const cv = folds ? ` ${crossValidate(raws.train, features, trial.learner, vectorizer).toFixed(4)} |` : ''
  console.log(`| ${trial.name} | ${e.macroF1.toFixed(4)} | ${e.accuracy.toFixed(4)} |${cv} ${active} | ${secs} |`)
}
