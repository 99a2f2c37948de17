import { main } from '@hotline-hub/platform'
import { HubConfigSchema } from './config.ts'
import { SERVICES } from './hub.ts'

/** Embedded mode: `pnpm start` runs intake, classifier and escalation in one process on one port. */
await main({ name: 'hub', schema: HubConfigSchema, env: process.env, factories: SERVICES })
