import type { Subscription } from '@hotline-hub/bus'
import type { IntakeDeps } from '../intake-deps.ts'
import { consumeForWebhooks } from './delivery-consumer.ts'
import { WebhookWorker } from './delivery-worker.ts'

export { webhookRoutes } from './webhook-routes.ts'
export { signWebhook, verifyWebhook } from './webhook-signature.ts'
export { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.ts'

export interface WebhookRuntime {
  worker: WebhookWorker
  stop(): Promise<void>
}

/** Starts the webhook consumer (group intake-webhooks) and the delivery worker. */
export async function startWebhooks(d: Pick<IntakeDeps, 'db' | 'bus' | 'vault' | 'logger' | 'config'>): Promise<WebhookRuntime> {
  const worker = new WebhookWorker({
    db: d.db,
    vault: d.vault,
    logger: d.logger.child({ module: 'webhooks' }),
    policy: { maxAttempts: d.config.WEBHOOK_MAX_ATTEMPTS, baseDelayMs: d.config.WEBHOOK_BASE_DELAY_MS, maxDelayMs: d.config.WEBHOOK_MAX_DELAY_MS },
  })
  worker.start()
  let consumer: Subscription
  try {
    consumer = await consumeForWebhooks(d.bus, () => worker.wake())
  } catch (err) {
    await worker.stop()
    throw err
  }
  return {
    worker,
    stop: async () => {
      await consumer.stop()
      await worker.stop()
    },
  }
}
