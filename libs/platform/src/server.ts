import Fastify, { type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { metricsPlugin, tracingPlugin } from '@hotline-hub/observability'
import { healthPlugin, type HealthOptions } from './health.ts'
import { platformErrors } from './errors.ts'
import { installProblemHandlers } from './problem.ts'
import { installValidators } from './validators.ts'

export interface ServerOptions {
  logger: Logger
  registry: Registry
  readiness: HealthOptions['readiness']
  /** Largest request body in bytes. Default 1 MiB. */
  bodyLimit?: number
}

/**
 * The Fastify server every runtime uses: request ids, tracing, metrics and
 * health. Services register their routes in their own contexts on top.
 */
export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.logger,
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: true,
    return503OnClosing: true,
  }) as unknown as FastifyInstance
  installValidators(app)
  await app.register(tracingPlugin)
  await app.register(metricsPlugin, { registry: o.registry })
  await app.register(healthPlugin, { readiness: o.readiness })
  installProblemHandlers(app, platformErrors, { notFound: true })
  return app
}
