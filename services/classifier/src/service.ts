import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { migrate } from '@hotline-hub/db'
import { installProblemHandlers, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import { errors } from './errors.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The classifier service; see ARCHITECTURE.md. */
export function createClassifierService(ctx: ServiceContext): HotlineService {
  return {
    name: 'classifier',
    migrate: () => migrate(ctx.db, { schema: 'classifier', dir: migrations }),
    routes: async function classifierRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
    },
    start: async () => {},
    stop: async () => {},
    readiness: async () => ({}),
  }
}
