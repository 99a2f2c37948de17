import type { FeatureConfig } from './feature-config.ts'
import { FeatureExtractor, type RawFeatures } from './extract-features.ts'
import { normalizeText } from './normalize.ts'
import { weigh, type Weighted } from './tfidf.ts'

/** Text → normalized text → hashed counts → TF-IDF vector, with one configuration. */
export class TopicVectorizer {
  private readonly extractor: FeatureExtractor

  constructor(readonly config: FeatureConfig) {
    this.extractor = new FeatureExtractor(config)
  }

  normalize(text: unknown): string {
    return normalizeText(text, this.config)
  }

  /** Counts of a text that is already normalized. */
  raw(normalized: string): RawFeatures {
    return this.extractor.extract(normalized)
  }

  weigh(raw: RawFeatures, idf: Float32Array): Weighted {
    return weigh(raw, idf, this.config)
  }
}
