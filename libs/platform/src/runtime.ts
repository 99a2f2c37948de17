import type { TObject, Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import closeWithGrace from 'close-with-grace'
import { openDb, migrate, type Db } from '@hotline-hub/db'
import { createBus, migrationsDir as busMigrations, type Bus } from '@hotline-hub/bus'
import { createLogger, createMetrics, startTelemetry, busMetrics } from '@hotline-hub/observability'
import { loadConfig, brokerList, type BaseConfig } from './config.ts'
import { buildServer } from './server.ts'
import type { HotlineService, ServiceContext, CheckResult } from './service.ts'
import { AuthDirectory } from './auth.ts'

export type ServiceFactory<C> = (ctx: ServiceContext<C>) => HotlineService

export interface RuntimeOptions<S extends TObject> {
  /** Process name: `hub` in embedded mode, the service's name otherwise. */
  name: string
  schema: S
  env: Record<string, string | undefined>
  factories: ServiceFactory<Static<S>>[]
  /** Start the process's OpenTelemetry SDK. Default true; tests that register their own pass false. */
  telemetry?: boolean
}

export interface Runtime {
  app: FastifyInstance
  db: Db
  bus: Bus
  services: HotlineService[]
  config: BaseConfig & { PORT: number }
  /** Stops taking requests, finishes the batches in flight, closes the log and the database. */
  close(): Promise<void>
}

/**
 * Builds a runtime: config, logger, tracing, database (PGlite or
 * PostgreSQL), log (table or Kafka), migrations, then the services' routes
 * and consumers on one Fastify server. Does not listen.
 */
export async function createRuntime<S extends TObject>(o: RuntimeOptions<S>): Promise<Runtime> {
  const config = loadConfig(o.name, o.schema, o.env) as Static<S> & BaseConfig & { PORT: number }
  const logger = createLogger({ name: o.name, level: config.LOG_LEVEL })
  const telemetry =
    o.telemetry === false
      ? { shutdown: async () => {} }
      : startTelemetry({ serviceName: `hotline-${o.name}`, exporter: config.OTEL_TRACES_EXPORTER })
  const { registry } = createMetrics({ prefix: 'hotline_', defaultLabels: { process: o.name } })
  const db = await openDb(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR })
  let bus: Bus | undefined
  try {
    await migrate(db, { schema: 'bus', dir: busMigrations })
    bus = createBus({
      db,
      kafkaBrokers: brokerList(config.KAFKA_BROKERS),
      clientId: `hotline-${o.name}`,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      logger: logger.child({ module: 'bus' }),
      metrics: busMetrics(registry),
    })
    const auth = new AuthDirectory(config.INTAKE_URL ? { intakeUrl: config.INTAKE_URL } : {})
    const ctx: ServiceContext<Static<S>> = { config, db, bus, logger, registry, auth }
    const services = o.factories.map((f) => f({ ...ctx, logger: logger.child({ service: o.name }) }))
    for (const s of services) await s.migrate()
    await bus.start()
    const readiness: Record<string, () => Promise<Record<string, CheckResult>>> = {}
    for (const s of services) readiness[s.name] = () => probe(db, bus!, s)
    const app = await buildServer({ logger, registry, readiness })
    for (const s of services) await app.register(s.routes)
    await app.ready()
    for (const s of services) await s.start()
    const close = once(async () => {
      await app.close()
      for (const s of services) await s.stop()
      await bus!.close()
      await db.close()
      await telemetry.shutdown()
    })
    return { app, db, bus, services, config, close }
  } catch (err) {
    await bus?.close().catch(() => {})
    await db.close().catch(() => {})
    await telemetry.shutdown().catch(() => {})
    throw err
  }
}

async function probe(db: Db, bus: Bus, s: HotlineService): Promise<Record<string, CheckResult>> {
  const [database, log, own] = await Promise.all([
    db.ping().then(
      () => ({ ok: true }),
      (err: Error) => ({ ok: false, detail: err.message }),
    ),
    bus.health().then((h) => ({ ok: h.ok, detail: h.detail ?? h.kind })),
    s.readiness(),
  ])
  return { database, log, ...own }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | null = null
  return () => (p ??= fn())
}

/**
 * The standalone entry point: builds the runtime, listens, and shuts down
 * gracefully on SIGTERM/SIGINT. Configuration and connection problems end
 * the process with a plain message naming the variable, not a stack trace.
 */
export async function main<S extends TObject>(o: RuntimeOptions<S>): Promise<void> {
  let runtime: Runtime
  try {
    runtime = await createRuntime(o)
    await runtime.app.listen({ port: runtime.config.PORT, host: runtime.config.HOST })
  } catch (err) {
    process.stderr.write(`${startupMessage(o.name, err)}\n`)
    process.exit(isConfigProblem(err) ? 78 : 69)
  }
  closeWithGrace({ delay: runtime.config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) runtime.app.log.error({ err }, 'fatal error, shutting down')
    else runtime.app.log.info({ signal }, 'shutting down')
    await runtime.close()
  })
}

function isConfigProblem(err: unknown): boolean {
  const name = (err as Error)?.name
  return name === 'ConfigError' || name === 'DbConfigError'
}

/** The message printed when start-up fails; names the variable at fault. */
export function startupMessage(name: string, err: unknown): string {
  const e = err as Error & { variable?: string }
  if (e?.name === 'ConfigError') return e.message
  if (e?.name === 'DbConfigError' || e?.name === 'DbUnavailableError')
    return `${name}: cannot start: DATABASE_URL: ${e.message}`
  if (e?.name === 'KafkaUnavailableError') return `${name}: cannot start: ${e.message}`
  return `${name}: cannot start: ${e?.message ?? String(err)}`
}
