import { Type, type Static } from '@sinclair/typebox'
import { IntakeConfigSchema } from '@hotline-hub/intake'
import { ClassifierConfigSchema } from '@hotline-hub/classifier'
import { EscalationConfigSchema } from '@hotline-hub/escalation'

/**
 * Embedded mode: one process, one port, all three services. Its
 * configuration is every service's, with one PORT for the whole.
 */
export const HubConfigSchema = Type.Composite([
  Type.Omit(IntakeConfigSchema, ['PORT']),
  Type.Omit(ClassifierConfigSchema, ['PORT']),
  Type.Omit(EscalationConfigSchema, ['PORT']),
  Type.Object({ PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'HTTP port of the embedded hub.' }) }),
])
export type HubConfig = Static<typeof HubConfigSchema>
