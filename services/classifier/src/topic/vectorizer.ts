import type { FeatureConfig } from './feature-config.ts'
import { FeatureExtractor, type RawFeatures } from './extract-features.ts'
import { normalizeText } from './normalize.ts'
import { weigh, type Weighted } from './tfidf.ts'

let last: { config: string; text: string; raw: RawFeatures } | null = null

/** Text → normalized text → hashed counts → TF-IDF vector, with one configuration. */
export class TopicVectorizer {
  private readonly extractor: FeatureExtractor

  private readonly configKey: string

  constructor(readonly config: FeatureConfig) {
    this.extractor = new FeatureExtractor(config)
    this.configKey = JSON.stringify(config)
  }

  normalize(text: unknown): string {
    return normalizeText(text, this.config)
  }

  /**
   * Counts of a text that is already normalized. The last text's counts are
   * kept for every vectorizer of the same configuration: the topic model and
   * the urgency backstop read one case's features with one segmentation.
   * (The counts are fresh arrays that nobody mutates.)
   */
  raw(normalized: string): RawFeatures {
    if (last && last.config === this.configKey && last.text === normalized) return last.raw
    const raw = this.extractor.extract(normalized)
    last = { config: this.configKey, text: normalized, raw }
    return raw
  }

  weigh(raw: RawFeatures, idf: Float32Array): Weighted {
    return weigh(raw, idf, this.config)
  }
}
