import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { migrate } from '@hotline-hub/db'
import { installProblemHandlers, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import { errors } from './errors.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The escalation service; see ARCHITECTURE.md. */
export function createEscalationService(ctx: ServiceContext): HotlineService {
  return {
    name: 'escalation',
    migrate: () => migrate(ctx.db, { schema: 'escalation', dir: migrations }),
    routes: async function escalationRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
    },
    start: async () => {},
    stop: async () => {},
    readiness: async () => ({}),
  }
}
