import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { LabelledText } from './dataset.ts'
import type { TopicParams, LearnerParams } from './params.ts'
import type { LinearWeights, TrainingSet } from './learn/types.ts'
import type { SparseVector } from './sparse.ts'
import { fitTemperature } from './calibrate.ts'
import { evaluate } from './metrics.ts'
import { TopicModel, type TopicModelData } from './model.ts'
import { DEFAULT_USER_DICT } from './paths.ts'
import { loadSegmenter } from './segment.ts'
import { computeIdf } from './tfidf.ts'
import { TopicVectorizer } from './vectorizer.ts'
import { trainLinearSvm } from './learn/linear-svm.ts'
import { trainNaiveBayes } from './learn/naive-bayes.ts'
import { trainSoftmax } from './learn/softmax-regression.ts'
import { TOPIC_LABELS } from './labels.ts'
import { buildTable, quantizeIdf } from './scoring-table.ts'

/** Bumped when the meaning of the artifact or the features changes. */
export const TOPIC_MODEL_FORMAT = 'hotline-hub/topic-model@1'

export interface TrainTopicInput {
  /** Training examples (the train split plus any corrections, already merged). */
  examples: readonly LabelledText[]
  params: TopicParams
  /** Scored after training; also fits the confidence temperature. */
  dev?: readonly LabelledText[]
  labels?: readonly string[]
  userDict?: string
  feedbackReplaced?: number
  feedbackAdded?: number
  /** Defaults to now (the version's date). */
  now?: Date
}

export function fitLearner(set: TrainingSet, learner: LearnerParams): LinearWeights {
  switch (learner.kind) {
    case 'svm':
      return trainLinearSvm(set, learner)
    case 'logreg':
      return trainSoftmax(set, learner)
    case 'nb':
      return trainNaiveBayes(set, learner)
  }
}

/** sha256 over labels and texts in order: the identity of the training data. */
export function hashExamples(examples: readonly LabelledText[]): string {
  const h = createHash('sha256')
  for (const e of examples) h.update(`${e.label}\t${e.weight ?? 1}\t${e.text}\n`)
  return h.digest('hex')
}

/** `YYYYMMDD-` + 10 hex digits of the hash of data, parameters, dictionary and format. */
export function topicModelVersion(now: Date, dataSha: string, params: TopicParams, dictSha: string): string {
  const h = createHash('sha256').update(JSON.stringify({ format: TOPIC_MODEL_FORMAT, dataSha, params, dictSha })).digest('hex')
  return `${now.toISOString().slice(0, 10).replaceAll('-', '')}-${h.slice(0, 10)}`
}

/**
 * Trains a topic model. Deterministic: the same examples, parameters and
 * dictionary give the same weights (the learners use a seeded shuffle).
 */
export function trainTopicModel(input: TrainTopicInput): TopicModel {
  const started = performance.now()
  const labels = [...(input.labels ?? TOPIC_LABELS)]
  const { params } = input
  const userDict = input.userDict ?? DEFAULT_USER_DICT
  loadSegmenter(userDict)
  const dictSha256 = createHash('sha256').update(readFileSync(userDict)).digest('hex')
  const vectorizer = new TopicVectorizer(params.features)
  const raws = input.examples.map((e) => vectorizer.raw(vectorizer.normalize(e.text)))
  const idf = computeIdf(raws, params.features.bits, params.features.minDf)
  // Train on exactly the IDF values the int16 table will hold.
  const idfScale = quantizeIdf(idf)
  const X: SparseVector[] = raws.map((r) => vectorizer.weigh(r, idf).vec)
  const y = Int32Array.from(input.examples, (e) => {
    const k = labels.indexOf(e.label)
    if (k < 0) throw new Error(`unknown label ${e.label}`)
    return k
  })
  const weight = Float32Array.from(input.examples, (e) => e.weight ?? 1)
  const weights = fitLearner({ X, y, weight, classes: labels.length, dim: 1 << params.features.bits }, params.learner)
  const table = buildTable(idf, idfScale, weights.W, weights.bias, labels.length, params.features.bits)

  const prior = labels.map(() => 0)
  for (const k of y) prior[k]!++
  const total = Math.max(1, y.length)
  for (let k = 0; k < prior.length; k++) prior[k] = prior[k]! / total

  const bySource: Record<string, number> = {}
  for (const e of input.examples) bySource[e.source] = (bySource[e.source] ?? 0) + 1
  const dataSha256 = hashExamples(input.examples)
  const data: TopicModelData = {
    version: topicModelVersion(input.now ?? new Date(), dataSha256, params, dictSha256),
    createdAt: (input.now ?? new Date()).toISOString(),
    labels,
    params,
    table,
    temperature: 1,
    prior,
    dictSha256,
    training: {
      examples: input.examples.length,
      bySource,
      feedbackReplaced: input.feedbackReplaced ?? 0,
      feedbackAdded: input.feedbackAdded ?? 0,
      dataSha256,
      seconds: 0,
    },
    metrics: {},
  }
  const model = new TopicModel(data)
  if (input.dev && input.dev.length > 0) {
    // Scored through the model itself: the metrics are those of the artifact.
    const gold = input.dev.map((e) => labels.indexOf(e.label))
    const empty = new Float64Array(labels.length)
    const scores = input.dev.map((e) => model.scoresOf(e.text) ?? empty)
    data.temperature = fitTemperature(scores, gold)
    data.metrics.dev = evaluate(gold, scores.map(argmax), labels)
  }
  data.training.seconds = Math.round((performance.now() - started) / 100) / 10
  return model
}

export function argmax(s: ArrayLike<number>): number {
  let best = 0
  for (let k = 1; k < s.length; k++) if (s[k]! > s[best]!) best = k
  return best
}
