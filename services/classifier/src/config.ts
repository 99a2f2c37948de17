import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the classifier service itself (the embedded hub reads them too). */
export const CLASSIFIER_CONFIG = {}

/** The standalone classifier service's configuration, validated at start-up. */
export const ClassifierConfigSchema = serviceConfigSchema({
  ...CLASSIFIER_CONFIG,
  PORT: Type.Integer({ default: 3002, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone classifier service.' }),
})
export type ClassifierConfig = Static<typeof ClassifierConfigSchema>
