import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '@hotline-hub/db'
import type { Bus } from '@hotline-hub/bus'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { AuthDirectory } from './auth.ts'

export interface CheckResult {
  ok: boolean
  detail?: string
}

/** What a service is given to run; the same in embedded and distributed mode. */
export interface ServiceContext<C = Record<string, unknown>> {
  config: C
  db: Db
  bus: Bus
  logger: Logger
  registry: Registry
  /** Who a credential belongs to (intake registers its lookup; elsewhere intake is asked at INTAKE_URL). */
  auth: AuthDirectory
}

/**
 * A service as the runtimes see it. Embedded mode hosts all three in one
 * process and one Fastify server; distributed mode runs each on its own.
 */
export interface HotlineService {
  readonly name: string
  /** Applies the service's migrations to its own schema. */
  migrate(): Promise<void>
  /** The service's routes, registered in their own encapsulated context. */
  routes: FastifyPluginAsync
  /** Starts consumers and timers. */
  start(): Promise<void>
  /** Stops consumers after the batch in flight and timers. */
  stop(): Promise<void>
  /** Service-specific readiness checks, beyond the database and the log. */
  readiness(): Promise<Record<string, CheckResult>>
}
