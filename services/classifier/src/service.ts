import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { migrate } from '@hotline-hub/db'
import type { Subscription } from '@hotline-hub/bus'
import { installProblemHandlers, Reloadable, rolesPlugin, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import type { ClassifierConfig } from './config.ts'
import { errors } from './errors.ts'
import { loadClassifier } from './classify/load-classifier.ts'
import { consumeReceivedCases } from './classify/classification-consumer.ts'
import { classifyRoutes } from './routes/classify-routes.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The classifier service (分类): case.received → case.classified, and the classify API; see ARCHITECTURE.md. */
export function createClassifierService(ctx: ServiceContext<Omit<ClassifierConfig, 'PORT'>>): HotlineService {
  const { db, bus, config } = ctx
  const logger = ctx.logger.child({ service: 'classifier' })
  const cities = config.CLASSIFIER_CITIES.split(',').map((c) => c.trim()).filter(Boolean)
  // A bad rule or gazetteer file stops start-up with its file, line and reason;
  // on a reload it is refused and the rules in force stay.
  const classifier = new Reloadable(
    () =>
      loadClassifier({
        model: config.CLASSIFIER_MODEL,
        urgencyModel: config.CLASSIFIER_URGENCY_MODEL,
        rulesDir: config.CLASSIFIER_RULES_DIR,
        gazetteerDir: config.CLASSIFIER_GAZETTEER_DIR,
        cities,
        onWarning: (message) => logger.warn(message),
      }),
    'classifier',
  )
  logger.info({ version: classifier.current.version }, 'classifier loaded')
  let subscription: Subscription | null = null
  return {
    name: 'classifier',
    migrate: () => migrate(db, { schema: 'classifier', dir: migrations }),
    routes: async function classifierRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
      await app.register(rolesPlugin, { auth: ctx.auth, errors })
      await classifyRoutes(app, { db, bus, classifier })
    },
    start: async () => {
      subscription = await consumeReceivedCases(bus, () => classifier.current, config.CLASSIFIER_BATCH_SIZE)
    },
    stop: async () => {
      await subscription?.stop()
    },
    readiness: async () => ({ model: { ok: true, detail: classifier.current.version } }),
  }
}
