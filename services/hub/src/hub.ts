import { createRuntime, type Runtime, type ServiceFactory } from '@hotline-hub/platform'
import { createIntakeService } from '@hotline-hub/intake'
import { createClassifierService } from '@hotline-hub/classifier'
import { createEscalationService } from '@hotline-hub/escalation'
import { consoleService } from '@hotline-hub/console'
import { HubConfigSchema, type HubConfig } from './config.ts'

/** The three services, in the order they start, and the console's pages at /console/. */
export const SERVICES: ServiceFactory<HubConfig>[] = [createIntakeService, createClassifierService, createEscalationService, consoleService]

/** Builds the embedded hub (not listening yet). */
export function createHub(env: Record<string, string | undefined>): Promise<Runtime> {
  return createRuntime({ name: 'hub', schema: HubConfigSchema, env, factories: SERVICES })
}
