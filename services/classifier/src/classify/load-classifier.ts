import nodejieba from 'nodejieba'
import { loadTopicModel } from '../topic/load.ts'
import { DEFAULT_MODELS_DIR } from '../topic/paths.ts'
import { RuleSet, DEFAULT_RULES_DIR } from '../rules/index.ts'
import { Gazetteer, DEFAULT_GAZETTEER_DIR } from '../location/index.ts'
import { CaseClassifier } from './case-classifier.ts'
import { UrgencyBackstop, DEFAULT_URGENCY_MODELS_DIR } from './urgency-backstop.ts'

/** Where the classifier's model and data files are (the shipped ones by default). */
export interface ClassifierSources {
  /** A models directory (its CURRENT is used) or a `topic-<version>.json` header. */
  model?: string | undefined
  rulesDir?: string | undefined
  gazetteerDir?: string | undefined
  /** The urgency backstop model's folder (its CURRENT); 'none' runs the rules alone. */
  urgencyModel?: string | undefined
  /** Gazetteer cities to load (file names without .yaml); all when empty. */
  cities?: string[] | undefined
  onWarning?: (message: string) => void
}

const insertedPlaces = new Set<string>()

/**
 * Loads the topic model, the rule files and the gazetteer, and teaches jieba
 * the gazetteer's place names so that they stay whole words. Throws
 * DataFileError (file, line, reason) on a bad rule or gazetteer file.
 */
export function loadClassifier(src: ClassifierSources = {}): CaseClassifier {
  const rules = RuleSet.load(src.rulesDir ?? DEFAULT_RULES_DIR)
  const places = Gazetteer.load(src.gazetteerDir ?? DEFAULT_GAZETTEER_DIR, src.cities?.length ? src.cities : undefined)
  const topic = loadTopicModel(src.model ?? DEFAULT_MODELS_DIR, src.onWarning ? { onWarning: src.onWarning } : {})
  for (const w of places.words({ weak: false })) {
    if (insertedPlaces.has(w)) continue
    nodejieba.insertWord(w)
    insertedPlaces.add(w)
  }
  const backstop = src.urgencyModel === 'none' ? null : UrgencyBackstop.load(src.urgencyModel ?? DEFAULT_URGENCY_MODELS_DIR)
  return new CaseClassifier(topic, rules, places, backstop)
}
