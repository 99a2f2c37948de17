import { randomUUID } from 'node:crypto'
import type { Channel } from '@hotline-hub/contracts'
import type { Db, Sql } from '@hotline-hub/db'
import type { Actor } from '../domain/actor.ts'
import { errors } from '../errors.ts'
import type { PiiVault } from '../pii/vault.ts'
import type { WebhookEvent } from './webhook-events.ts'
import { newWebhookSecret } from './webhook-signature.ts'

export interface NewSubscription {
  url: string
  secret?: string
  events: WebhookEvent[]
  channels?: Channel[]
}

interface SubscriptionRow {
  id: string
  owner_id: string
  url: string
  events: WebhookEvent[]
  channels: Channel[] | null
  created_at: Date
}

export interface SubscriptionView {
  id: string
  url: string
  events: WebhookEvent[]
  /** null: every channel. */
  channels: Channel[] | null
  owner: string
  createdAt: string
}

const view = (r: SubscriptionRow): SubscriptionView => ({
  id: r.id,
  url: r.url,
  events: r.events,
  channels: r.channels,
  owner: r.owner_id,
  createdAt: r.created_at.toISOString(),
})

/**
 * Integrators' webhook subscriptions (集成方回调订阅). A key's subscription
 * only receives the cases of that key's channels; an admin's may receive
 * every channel. A key sees and deletes its own subscriptions (also those
 * made with the key it was rotated from); an admin sees all.
 */
export class WebhookSubscriptions {
  constructor(private readonly d: { db: Db; vault: PiiVault }) {}

  async create(s: NewSubscription, actor: Actor): Promise<SubscriptionView & { secret: string }> {
    checkUrl(s.url)
    const channels = scopeChannels(s.channels, actor)
    const secret = s.secret ?? newWebhookSecret()
    const id = randomUUID()
    const [row] = await this.d.db.query<SubscriptionRow>(
      `INSERT INTO intake.webhook_subscriptions (id, owner_id, url, secret_ciphertext, secret_key_id, events, channels)
       VALUES ($1,$2,$3,$4,$5,$6::jsonb,$7::jsonb) RETURNING id, owner_id, url, events, channels, created_at`,
      [id, actor.id, s.url, this.d.vault.encryptText(secret), this.d.vault.keyId, JSON.stringify([...new Set(s.events)]), channels ? JSON.stringify(channels) : null],
    )
    return { ...view(row!), secret }
  }

  async list(actor: Actor): Promise<SubscriptionView[]> {
    const owners = await ownersVisibleTo(this.d.db, actor)
    const rows = await this.d.db.query<SubscriptionRow>(
      `SELECT id, owner_id, url, events, channels, created_at FROM intake.webhook_subscriptions
        WHERE deleted_at IS NULL AND ($1::jsonb IS NULL OR $1::jsonb ? owner_id) ORDER BY created_at, id`,
      [owners ? JSON.stringify(owners) : null],
    )
    return rows.map(view)
  }

  /** The subscription if the actor may see it; NOT_FOUND otherwise (another's subscription is not revealed). */
  async get(id: string, actor: Actor, sql: Sql = this.d.db): Promise<SubscriptionView> {
    const owners = await ownersVisibleTo(sql, actor)
    const [row] = await sql.query<SubscriptionRow>(
      `SELECT id, owner_id, url, events, channels, created_at FROM intake.webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    )
    if (!row || (owners && !owners.includes(row.owner_id))) throw errors.create('NOT_FOUND', { pointer: '/id', detail: `no webhook subscription ${id}` })
    return view(row)
  }

  /** Deletes a subscription; its pending deliveries are cancelled, its history is kept. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      await this.get(id, actor, tx)
      await tx.query('UPDATE intake.webhook_subscriptions SET deleted_at = now() WHERE id = $1', [id])
      await tx.query(`UPDATE intake.webhook_deliveries SET status = 'cancelled', locked_until = NULL WHERE subscription_id = $1 AND status = 'pending'`, [id])
    })
  }
}

/** Only http(s) URLs, without credentials in them (the signature authenticates us). */
export function checkUrl(raw: string): void {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw errors.create('VALIDATION', { pointer: '/url', detail: 'not a URL' })
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw errors.create('VALIDATION', { pointer: '/url', detail: 'the URL must be http or https' })
  if (u.username || u.password) throw errors.create('VALIDATION', { pointer: '/url', detail: 'the URL must not carry credentials; verify X-Hotline-Signature instead' })
}

/** A key's subscription is limited to the key's channels; an admin's may cover every channel (null). */
function scopeChannels(asked: Channel[] | undefined, actor: Actor): Channel[] | null {
  if (actor.role !== 'integrator') return asked?.length ? [...new Set(asked)] : null
  const allowed = actor.channels ?? []
  if (!asked) return allowed
  const outside = asked.filter((c) => !allowed.includes(c))
  if (outside.length) throw errors.create('CHANNEL_NOT_ALLOWED', { pointer: '/channels', detail: `this API key may not receive ${outside.join(', ')}` })
  return [...new Set(asked)]
}

/** Owner ids whose subscriptions the actor may manage: null for an admin (all); a key and the keys it replaced. */
async function ownersVisibleTo(sql: Sql, actor: Actor): Promise<string[] | null> {
  if (actor.role === 'admin') return null
  if (!actor.id.startsWith('key:')) return [actor.id]
  const rows = await sql.query<{ id: string }>(
    `WITH RECURSIVE lineage(id, depth) AS (
       SELECT $1::text, 0
       UNION ALL
       SELECT k.id, l.depth + 1 FROM intake.api_keys k JOIN lineage l ON k.replaced_by = l.id WHERE l.depth < 50
     ) SELECT id FROM lineage`,
    [actor.id.slice(4)],
  )
  return rows.map((r) => `key:${r.id}`)
}
