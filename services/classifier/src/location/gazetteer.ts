import { join } from 'node:path'
import { PACKAGE_ROOT } from '../topic/paths.ts'
import { buildIndex, type GazetteerIndex } from './build-index.ts'
import { findMentions } from './find-mentions.ts'
import { loadGazetteerFiles } from './load-files.ts'
import { resolve } from './resolve.ts'
import type { LocationResult } from './types.ts'

/** services/classifier/data/gazetteer: one YAML file per city, and patterns.yaml. */
export const DEFAULT_GAZETTEER_DIR = join(PACKAGE_ROOT, 'data', 'gazetteer')

const NOTHING: LocationResult = Object.freeze({ confidence: 0, because: [] }) as LocationResult

/**
 * The gazetteer (地名库) and the location tagger: which district (区县) and
 * street (街道/乡镇) a citizen's appeal names, with the words that said so.
 */
export class Gazetteer {
  /** sha256 over the files' bytes, first 12 hex digits. */
  readonly version: string
  /** The city ids loaded. */
  readonly cities: readonly string[]

  private constructor(
    private readonly index: GazetteerIndex,
    version: string,
  ) {
    this.version = version
    this.cities = index.cities.map((c) => c.id)
  }

  /** Loads every *.yaml of `dir` (default services/classifier/data/gazetteer); throws DataFileError. `cities` limits it to some city ids. */
  static load(dir: string = DEFAULT_GAZETTEER_DIR, cities?: string[]): Gazetteer {
    const files = loadGazetteerFiles(dir, cities)
    return new Gazetteer(buildIndex(files), files.version)
  }

  /**
   * Every place name and alias, for the jieba user dictionary (so that
   * segmentation keeps them whole). `{ weak: false }` leaves out the words
   * that are only weak aliases (道里, 朝阳, 花园街): they are common words too,
   * and at a high frequency they would make jieba cut 街道里 as 街/道里.
   */
  words(options: { weak?: boolean } = {}): string[] {
    return [...(options.weak === false ? this.index.strongWords : this.index.placeWords)]
  }

  /** `text` has been normalized by normalizeText() (NFKC, traditional→simplified, lower case). Never throws. */
  locate(text: string): LocationResult {
    if (typeof text !== 'string' || text.length === 0) return { ...NOTHING, because: [] }
    try {
      return resolve(findMentions(this.index, text))
    } catch {
      return { ...NOTHING, because: [] }
    }
  }
}
