import { main } from '@hotline-hub/platform'
import { IntakeConfigSchema } from './config.ts'
import { createIntakeService } from './service.ts'

/** Distributed mode: the intake service in its own process. */
await main({ name: 'intake', schema: IntakeConfigSchema, env: process.env, factories: [createIntakeService] })
