import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { migrate } from '@hotline-hub/db'
import { installProblemHandlers, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import { errors } from './errors.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The intake service; see ARCHITECTURE.md. */
export function createIntakeService(ctx: ServiceContext): HotlineService {
  return {
    name: 'intake',
    migrate: () => migrate(ctx.db, { schema: 'intake', dir: migrations }),
    routes: async function intakeRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
    },
    start: async () => {},
    stop: async () => {},
    readiness: async () => ({}),
  }
}
