import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** The classifier service's configuration, validated at start-up. */
export const ClassifierConfigSchema = serviceConfigSchema({
  PORT: Type.Integer({ default: 3002, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone classifier service.' }),
})
export type ClassifierConfig = Static<typeof ClassifierConfigSchema>
