import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the classifier service itself (the embedded hub reads them too). */
export const CLASSIFIER_CONFIG = {
  CLASSIFIER_MODEL: Type.Optional(Type.String({ description: 'Topic model: a models directory (its CURRENT is used) or a topic-<version>.json file. Default: the shipped services/classifier/models.' })),
  CLASSIFIER_URGENCY_MODEL: Type.Optional(Type.String({ description: "Urgency backstop model folder (its CURRENT), which raises to 紧急 what the rules miss; 'none' runs the rules alone. Default: the shipped services/classifier/models/urgency." })),
  CLASSIFIER_RULES_DIR: Type.Optional(Type.String({ description: 'Folder of the rule files (urgency, appeal type, sentiment, subtopics). Default: the shipped services/classifier/data/rules.' })),
  CLASSIFIER_GAZETTEER_DIR: Type.Optional(Type.String({ description: 'Folder of the gazetteer files (districts and streets). Default: the shipped services/classifier/data/gazetteer.' })),
  CLASSIFIER_CITIES: Type.String({ default: '', description: 'Gazetteer cities to load, comma-separated file names (harbin,tianjin); empty loads all.' }),
  CLASSIFIER_BATCH_SIZE: Type.Integer({ default: 100, minimum: 1, maximum: 1000, description: 'Cases fetched from the log per batch.' }),
}

/** The standalone classifier service's configuration, validated at start-up. */
export const ClassifierConfigSchema = serviceConfigSchema({
  ...CLASSIFIER_CONFIG,
  PORT: Type.Integer({ default: 3002, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone classifier service.' }),
})
export type ClassifierConfig = Static<typeof ClassifierConfigSchema>
