import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { readTopicModel } from '../topic/artifact.ts'
import { TopicModel } from '../topic/model.ts'
import { PACKAGE_ROOT } from '../topic/paths.ts'

/** The two classes of the urgency backstop model. */
export const URGENCY_LABELS = ['紧急', '其他'] as const

/** Where `train-urgency` writes the backstop model and its CURRENT pointer. */
export const DEFAULT_URGENCY_MODELS_DIR = join(PACKAGE_ROOT, 'models', 'urgency')

/**
 * Probability from which the backstop raises a case to 紧急 when the rules did
 * not. Chosen on held-out blind batches (docs/rules.md): the rules alone
 * caught 86.1% of the emergencies at 93.5% precision, rules or model at 0.5
 * caught 92.1% at 91.7%.
 */
export const BACKSTOP_THRESHOLD = 0.5

/**
 * 紧急 模型兜底: a linear model over the same words and character n-grams as
 * the topic model, trained on the labelled urgency cases. Missing an
 * emergency is the worst failure of the system, and a lexicon always misses
 * some wording; the model catches part of what the rules miss.
 */
export class UrgencyBackstop {
  constructor(readonly model: TopicModel, readonly threshold = BACKSTOP_THRESHOLD) {}

  /** A short version for the classification's modelVersion. */
  get version(): string {
    return this.model.version.slice(-10)
  }

  static load(dir: string = DEFAULT_URGENCY_MODELS_DIR): UrgencyBackstop | null {
    if (!existsSync(join(dir, 'CURRENT'))) return null
    return new UrgencyBackstop(new TopicModel(readTopicModel(dir)))
  }

  /** p(紧急) and the words behind it, for a normalized text. */
  judge(normalized: string): { p: number; because: string[] } {
    const r = this.model.predictNormalized(normalized)
    const p = r.top.find((x) => x.label === URGENCY_LABELS[0])?.p ?? 0
    return { p, because: r.label === URGENCY_LABELS[0] ? r.because : [] }
  }
}
