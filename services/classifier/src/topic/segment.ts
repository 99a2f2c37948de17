import { existsSync } from 'node:fs'
import nodejieba from 'nodejieba'
import { DEFAULT_USER_DICT } from './paths.ts'

let loadedDict: string | undefined

/**
 * Loads jieba (分词) with the user dictionary once per process (jieba's state
 * is process-wide). A different dictionary path reloads it. The dictionary is
 * checked first: cppjieba aborts the process on a missing file.
 */
export function loadSegmenter(userDict: string = DEFAULT_USER_DICT): void {
  if (loadedDict === userDict) return
  if (!existsSync(userDict)) throw new Error(`jieba user dictionary not found: ${userDict}`)
  nodejieba.load({ userDict })
  loadedDict = userDict
}

/** Words of a normalized text: jieba's exact mode, with or without HMM for unknown words. */
export function segment(text: string, hmm = true): string[] {
  if (loadedDict === undefined) loadSegmenter()
  return text.length === 0 ? [] : nodejieba.cut(text, hmm)
}
