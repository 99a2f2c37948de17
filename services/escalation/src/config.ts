import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the escalation service itself (the embedded hub reads them too). */
export const ESCALATION_CONFIG = {}

/** The standalone escalation service's configuration, validated at start-up. */
export const EscalationConfigSchema = serviceConfigSchema({
  ...ESCALATION_CONFIG,
  PORT: Type.Integer({ default: 3003, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone escalation service.' }),
})
export type EscalationConfig = Static<typeof EscalationConfigSchema>
