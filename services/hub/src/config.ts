import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'
import { INTAKE_CONFIG } from '@hotline-hub/intake'
import { CLASSIFIER_CONFIG } from '@hotline-hub/classifier'
import { ESCALATION_CONFIG } from '@hotline-hub/escalation'

/**
 * Embedded mode: one process, one port, all three services. Its
 * configuration is every service's own variables, with one PORT for the whole.
 */
export const HubConfigSchema = serviceConfigSchema({
  ...INTAKE_CONFIG,
  ...CLASSIFIER_CONFIG,
  ...ESCALATION_CONFIG,
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'HTTP port of the embedded hub.' }),
})
export type HubConfig = Static<typeof HubConfigSchema>
