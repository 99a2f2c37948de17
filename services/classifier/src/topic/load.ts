import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readTopicModel } from './artifact.ts'
import { TopicModel } from './model.ts'
import { DEFAULT_MODELS_DIR, DEFAULT_USER_DICT } from './paths.ts'
import { loadSegmenter } from './segment.ts'

export interface LoadTopicModelOptions {
  userDict?: string
  /** How many evidence words `because` lists (default 5). */
  explainTop?: number
  /** Called when the user dictionary differs from the one the model was trained with. */
  onWarning?: (message: string) => void
}

/**
 * Loads a topic model: `path` is a header file (`topic-<version>.json`) or a
 * models directory whose CURRENT names the version (default: the shipped
 * services/classifier/models). Loads jieba with the user dictionary too.
 */
export function loadTopicModel(path: string = DEFAULT_MODELS_DIR, options: LoadTopicModelOptions = {}): TopicModel {
  const data = readTopicModel(path)
  const userDict = options.userDict ?? DEFAULT_USER_DICT
  loadSegmenter(userDict)
  const sha = createHash('sha256').update(readFileSync(userDict)).digest('hex')
  if (sha !== data.dictSha256) {
    options.onWarning?.(`the jieba user dictionary changed since model ${data.version} was trained: retrain for the new words to count`)
  }
  return new TopicModel(data, options.explainTop)
}
