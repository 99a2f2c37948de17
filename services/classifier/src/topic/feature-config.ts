import type { TraditionalLocale } from './normalize.ts'

/** How a text becomes a sparse vector; stored in the model artifact. */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number
  /** Word n-gram orders from jieba's words, inclusive: [1, 2] = unigrams and bigrams; [0, 0] = none. */
  wordNgrams: [number, number]
  /** Character n-gram orders within runs of letters and digits, inclusive; [0, 0] = none. */
  charNgrams: [number, number]
  /** Relative weight of the word block and the character block (each block is L2-normalized first). */
  wordWeight: number
  charWeight: number
  /**
   * Weight of the title block: the words and character n-grams of the first
   * line (the subject, when the text is "subject\nbody") once more in their
   * own namespace. 0 = off.
   */
  titleWeight: number
  /** jieba's HMM for words not in its dictionaries (slower; without it unknown words fall apart into characters). */
  segmentHmm: boolean
  /** tf → 1 + ln(tf). */
  sublinearTf: boolean
  /** Buckets seen in fewer training documents are dropped (their IDF is 0). */
  minDf: number
  /** Texts are cut to this many characters (a 50,000-character paste costs no more than this). */
  maxChars: number
  traditionalLocale: TraditionalLocale
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 19,
  wordNgrams: [1, 2],
  charNgrams: [1, 3],
  wordWeight: 1,
  charWeight: 1.5,
  titleWeight: 1,
  segmentHmm: true,
  sublinearTf: true,
  minDf: 2,
  maxChars: 20_000,
  traditionalLocale: 'tw',
}
