import { main } from '@hotline-hub/platform'
import { ClassifierConfigSchema } from './config.ts'
import { createClassifierService } from './service.ts'

/** Distributed mode: the classifier service in its own process. */
await main({ name: 'classifier', schema: ClassifierConfigSchema, env: process.env, factories: [createClassifierService] })
