import type { LearnerParams } from '../topic/params.ts'
import type { FeatureConfig } from '../topic/feature-config.ts'

const svm = (C: number, extra: Partial<LearnerParams> = {}): LearnerParams =>
  ({ kind: 'svm', C, loss: 'l2', balanced: true, maxEpochs: 200, eps: 0.1, seed: 20200, ...extra }) as LearnerParams
/** The features before the title block and the character weight were added. */
const plain: Partial<FeatureConfig> = { titleWeight: 0, charWeight: 1 }

/**
 * The trials `tune` runs by default (dev split only; add --folds 5 for
 * cross-validation on train). The last one is DEFAULT_TOPIC_PARAMS.
 */
export const DEFAULT_GRID: { name: string; features?: Partial<FeatureConfig>; learner: LearnerParams }[] = [
  { name: 'complement NB, char 2-grams', features: { ...plain, wordNgrams: [0, 0], charNgrams: [2, 2] }, learner: { kind: 'nb', variant: 'complement', alpha: 0.1 } },
  { name: 'multinomial NB, char 2-grams', features: { ...plain, wordNgrams: [0, 0], charNgrams: [2, 2] }, learner: { kind: 'nb', variant: 'multinomial', alpha: 0.1 } },
  { name: 'complement NB, words 1-2 + chars 1-3', features: plain, learner: { kind: 'nb', variant: 'complement', alpha: 0.01 } },
  { name: 'softmax regression (AdaGrad), words 1-2 + chars 1-3', features: plain, learner: { kind: 'logreg', l2: 1e-6, learningRate: 0.5, epochs: 20, balanced: true, seed: 20200 } },
  { name: 'SVM C=1 unbalanced, words 1-2 + chars 1-3', features: plain, learner: svm(1, { balanced: false }) },
  { name: 'SVM C=1, words 1-2 only', features: { ...plain, charNgrams: [0, 0] }, learner: svm(1) },
  { name: 'SVM C=1, chars 1-3 only', features: { ...plain, wordNgrams: [0, 0] }, learner: svm(1) },
  { name: 'SVM C=1, words 1-2 + chars 1-3', features: plain, learner: svm(1) },
  { name: 'SVM C=1, + chars 1-4', features: { ...plain, charNgrams: [1, 4] }, learner: svm(1) },
  { name: 'SVM C=1, 2^18 buckets', features: { ...plain, bits: 18 }, learner: svm(1) },
  { name: 'SVM C=1, char weight 1.5', features: { ...plain, charWeight: 1.5 }, learner: svm(1) },
  { name: 'SVM C=1, + title block', features: { titleWeight: 1, charWeight: 1 }, learner: svm(1) },
  { name: 'NBSVM α=0.03 C=1', features: plain, learner: svm(1, { nbAlpha: 0.03 }) },
  { name: 'NBSVM α=0.03 C=1, + title block', features: { titleWeight: 1, charWeight: 1 }, learner: svm(1, { nbAlpha: 0.03 }) },
  { name: 'NBSVM α=0.03 C=1, + title, char weight 1.5, min-df 3', features: { minDf: 3 }, learner: svm(1, { nbAlpha: 0.03 }) },
  { name: 'NBSVM α=0.03 C=1, + title, char weight 1.5 (default)', learner: svm(1, { nbAlpha: 0.03 }) },
]
