// The shipped model (models/CURRENT) and the TipDM data beside the repository.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_MODELS_DIR, defaultDataDir, loadTopicModel, type TopicModel } from '../src/topic/index.ts'

let cached: TopicModel | undefined

/** The model in services/classifier/models (CURRENT); a missing one fails the test that asks. */
export function shippedModel(): TopicModel {
  cached ??= loadTopicModel(DEFAULT_MODELS_DIR)
  return cached
}

/** Path of a TipDM split, or undefined when the shared data is not beside the repository. */
export function tipdmSplit(split: 'train' | 'dev'): string | undefined {
  const path = join(defaultDataDir(), `messages.${split}.jsonl`)
  return existsSync(path) ? path : undefined
}
