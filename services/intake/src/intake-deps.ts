import type { Db } from '@hotline-hub/db'
import type { Bus } from '@hotline-hub/bus'
import type { Logger } from 'pino'
import type { IntakeConfig } from './config.ts'
import type { CaseIntake } from './domain/case-service.ts'
import type { CaseCommands } from './domain/case-commands.ts'
import type { CaseQueries } from './domain/case-queries.ts'
import type { Principals } from './auth/principals.ts'
import type { PiiVault } from './pii/vault.ts'

/** Everything the intake routes work with. */
export interface IntakeDeps {
  config: Omit<IntakeConfig, 'PORT'>
  db: Db
  bus: Bus
  logger: Logger
  vault: PiiVault
  intake: CaseIntake
  commands: CaseCommands
  queries: CaseQueries
  principals: Principals
}
