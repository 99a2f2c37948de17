import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the intake service itself (the embedded hub reads them too). */
export const INTAKE_CONFIG = {}

/** The standalone intake service's configuration, validated at start-up. */
export const IntakeConfigSchema = serviceConfigSchema({
  ...INTAKE_CONFIG,
  PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone intake service.' }),
})
export type IntakeConfig = Static<typeof IntakeConfigSchema>
