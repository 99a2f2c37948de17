import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the escalation service itself (the embedded hub reads them too). */
export const ESCALATION_CONFIG = {
  ESCALATION_SLA_POLICY: Type.Optional(Type.String({ description: 'The SLA policy file (时限规则). Default: the shipped services/escalation/data/sla-policy.yaml.' })),
  ESCALATION_CALENDAR_DIR: Type.Optional(Type.String({ description: 'Folder of the working-day calendar years (YYYY.json). Default: the shipped libs/calendar/data.' })),
  ESCALATION_BATCH_SIZE: Type.Integer({ default: 200, minimum: 1, maximum: 5000, description: 'Events fetched from the log per batch.' }),
}

/** The standalone escalation service's configuration, validated at start-up. */
export const EscalationConfigSchema = serviceConfigSchema({
  ...ESCALATION_CONFIG,
  PORT: Type.Integer({ default: 3003, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone escalation service.' }),
})
export type EscalationConfig = Static<typeof EscalationConfigSchema>
