import { randomUUID } from 'node:crypto'
import type { EventEnvelope } from '@hotline-hub/contracts'
import type { Bus, Subscription } from '@hotline-hub/bus'
import type { Sql } from '@hotline-hub/db'
import { WEBHOOK_TOPICS, channelOf } from './webhook-events.ts'
import { webhookPayload } from './webhook-payload.ts'

export const WEBHOOK_CONSUMER_GROUP = 'intake-webhooks'

/**
 * case.received.v1 and case.lifecycle.v1 → one pending delivery per
 * matching subscription, written in the transaction that records the event
 * as processed (exactly once). `onQueued` wakes the delivery worker.
 */
export function consumeForWebhooks(bus: Bus, onQueued: () => void): Promise<Subscription> {
  return bus.subscribe({
    group: WEBHOOK_CONSUMER_GROUP,
    topics: WEBHOOK_TOPICS,
    processedTable: 'intake.processed_events',
    handler: async (event, tx) => {
      const queued = await queueDeliveries(tx, event.envelope)
      // The rows are visible once the consumer's transaction commits; the worker retries shortly after a wake.
      if (queued > 0) setImmediate(onQueued)
    },
  })
}

/** Inserts the deliveries of one event; returns how many. */
export async function queueDeliveries(tx: Sql, envelope: EventEnvelope): Promise<number> {
  const subscriptions = await matchingSubscriptions(tx, envelope.type)
  const channel = channelOf(envelope)
  const targets = subscriptions.filter((s) => s.channels === null || (channel !== undefined && s.channels.includes(channel)))
  if (targets.length === 0) return 0
  const payload = JSON.stringify(webhookPayload(envelope))
  let queued = 0
  for (const s of targets) {
    const rows = await tx.query(
      `INSERT INTO intake.webhook_deliveries (id, subscription_id, event_id, event_type, case_id, payload)
       VALUES ($1,$2,$3::uuid,$4,$5,$6::jsonb) ON CONFLICT (subscription_id, event_id) DO NOTHING RETURNING id`,
      [randomUUID(), s.id, envelope.id, envelope.type, envelope.caseId, payload],
    )
    queued += rows.length
  }
  return queued
}

/**
 * Live subscriptions to an event type. A key's subscription stops when the
 * key is revoked or expired, unless the key it was rotated to still works.
 */
async function matchingSubscriptions(tx: Sql, eventType: string): Promise<{ id: string; channels: string[] | null }[]> {
  return tx.query(
    `SELECT s.id, s.channels FROM intake.webhook_subscriptions s
      WHERE s.deleted_at IS NULL AND s.events ? $1
        AND (s.owner_id NOT LIKE 'key:%' OR EXISTS (
          WITH RECURSIVE chain(id, depth) AS (
            SELECT substr(s.owner_id, 5), 0
            UNION ALL
            SELECT k.replaced_by, c.depth + 1 FROM intake.api_keys k JOIN chain c ON k.id = c.id
             WHERE k.replaced_by IS NOT NULL AND c.depth < 50
          )
          SELECT 1 FROM chain c JOIN intake.api_keys k ON k.id = c.id
           WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())))
      ORDER BY s.created_at, s.id`,
    [eventType],
  )
}
