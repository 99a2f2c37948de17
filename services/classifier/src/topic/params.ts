import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './feature-config.ts'
import type { LinearSvmParams } from './learn/linear-svm.ts'
import type { NaiveBayesParams } from './learn/naive-bayes.ts'
import type { SoftmaxParams } from './learn/softmax-regression.ts'

export type LearnerParams = LinearSvmParams | SoftmaxParams | NaiveBayesParams

/** Everything that decides a trained model besides its data; hashed into the version. */
export interface TopicParams {
  features: FeatureConfig
  learner: LearnerParams
  /** How the artifact stores IDF and weights: int16 with per-label scales (see scoring-table.ts). */
  weightEncoding: 'int16'
}

/**
 * The configuration chosen on the dev split (see services/classifier/docs/topic-model.md):
 * NBSVM (one-vs-rest squared-hinge SVM on naive-Bayes-scaled TF-IDF) over
 * word 1–2-grams, character 1–3-grams and the subject line, 2^19 buckets.
 */
export const DEFAULT_TOPIC_PARAMS: TopicParams = {
  features: DEFAULT_FEATURE_CONFIG,
  learner: { kind: 'svm', C: 1, loss: 'l2', balanced: true, nbAlpha: 0.03, maxEpochs: 200, eps: 0.1, seed: 20200 },
  weightEncoding: 'int16',
}
