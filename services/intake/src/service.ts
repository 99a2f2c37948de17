import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { migrate } from '@hotline-hub/db'
import type { Subscription } from '@hotline-hub/bus'
import { installProblemHandlers, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import { authPlugin } from './auth/auth-plugin.ts'
import { Principals } from './auth/principals.ts'
import { bootstrapAdmin } from './bootstrap-admin.ts'
import { consumeClassifications } from './classification-consumer.ts'
import type { IntakeConfig } from './config.ts'
import { CaseCommands } from './domain/case-commands.ts'
import { CaseQueries } from './domain/case-queries.ts'
import { CaseIntake } from './domain/case-service.ts'
import { errors } from './errors.ts'
import type { IntakeDeps } from './intake-deps.ts'
import { loadVault } from './pii/keys.ts'
import { accessRoutes } from './routes/access-routes.ts'
import { registerBodyParsers } from './routes/body-parsers.ts'
import { caseRoutes } from './routes/case-routes.ts'
import { commandRoutes } from './routes/command-routes.ts'
import { startWebhooks, webhookRoutes, type WebhookRuntime } from './webhooks/index.ts'
import { importRoutes } from './routes/import-routes.ts'
import { open311Routes } from './open311/open311-routes.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The intake service: cases in from every channel, the lifecycle, access and personal data. */
export function createIntakeService(ctx: ServiceContext<Omit<IntakeConfig, 'PORT'>>): HotlineService {
  const { db, bus } = ctx
  const config = ctx.config
  const vault = loadVault(config)
  const principals = new Principals(db, config.SESSION_TTL_MINUTES * 60_000)
  const deps: IntakeDeps = {
    config,
    db,
    bus,
    logger: ctx.logger.child({ service: 'intake' }),
    vault,
    principals,
    intake: new CaseIntake({ db, bus, vault }),
    commands: new CaseCommands({ db, bus }),
    queries: new CaseQueries({ db, vault }),
  }
  // Standalone classifier and escalation ask intake who a credential is; here, in-process.
  ctx.auth.register(async (credential) => (await principals.authenticate(credential))?.actor ?? null)
  let subscription: Subscription | null = null
  let webhooks: WebhookRuntime | null = null
  return {
    name: 'intake',
    migrate: () => migrate(db, { schema: 'intake', dir: migrations }),
    routes: async function intakeRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
      registerBodyParsers(app)
      // The API's own documentation is public (and served from the package: no CDN).
      app.addHook('onRoute', (route) => {
        if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), roles: 'public' }
      })
      await app.register(swagger, {
        openapi: {
          info: { title: 'hotline-hub intake API', description: '受理: cases from every channel, the lifecycle, access.', version: '1' },
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
          security: [{ bearer: [] }, { apiKey: [] }],
        },
      })
      await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
      await app.register(authPlugin, { principals })
      await app.register(rateLimit, {
        hook: 'preHandler',
        allowList: (request) => request.keyRate === null,
        keyGenerator: (request) => request.actor?.id ?? request.ip,
        max: (request) => request.keyRate ?? 1,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) =>
          errors.create('RATE_LIMITED', { detail: `limit of ${context.max} requests per minute reached`, retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
      })
      await caseRoutes(app, deps)
      await commandRoutes(app, deps)
      await accessRoutes(app, deps)
      await webhookRoutes(app, deps)
      await importRoutes(app, deps)
      await open311Routes(app, deps)
    },
    start: async () => {
      await bootstrapAdmin(principals)
      subscription = await consumeClassifications(bus)
      webhooks = await startWebhooks(deps)
    },
    stop: async () => {
      await subscription?.stop()
      await webhooks?.stop()
    },
    readiness: async () => ({}),
  }
}
