import { main } from '@hotline-hub/platform'
import { EscalationConfigSchema } from './config.ts'
import { createEscalationService } from './service.ts'

/** Distributed mode: the escalation service in its own process. */
await main({ name: 'escalation', schema: EscalationConfigSchema, env: process.env, factories: [createEscalationService] })
