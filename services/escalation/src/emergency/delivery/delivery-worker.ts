import { performance } from 'node:perf_hooks'
import type { Db } from '@hotline-hub/db'
import type { Logger } from 'pino'
import { recordLive } from '../live.ts'
import { retryDelayMs, signDelivery } from './signature.ts'

interface Claimed {
  id: string
  report_id: string
  url: string
  payload: unknown
  attempts: number
}

interface Outcome {
  ok: boolean
  statusCode?: number
  error?: string
  durationMs: number
}

export interface DeliveryOptions {
  db: Db
  logger: Logger
  secret: string
  baseDelayMs: number
  maxDelayMs: number
  pollMs: number
  timeoutMs?: number
  leaseMs?: number
}

/**
 * 报送: sends approved reports to the destination (市政府应急办), signed,
 * retried with exponential backoff until it answers 2xx; every attempt is
 * recorded. Rows are claimed with SKIP LOCKED and a lease, so replicas can
 * run one each; the POST happens outside any transaction.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null
  private running = false
  private busy: Promise<void> | null = null
  private again = false
  private readonly stopping = new AbortController()

  constructor(private readonly o: DeliveryOptions) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.schedule(0)
  }

  /** Look now (a report was approved). */
  wake(): void {
    if (!this.running) return
    if (this.busy) this.again = true
    else this.schedule(0)
  }

  async stop(): Promise<void> {
    this.running = false
    this.stopping.abort()
    if (this.timer) clearTimeout(this.timer)
    await this.busy
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.busy = this.round()
        .then(() => undefined)
        .catch((err) => this.o.logger.error({ err }, 'emergency delivery round failed'))
        .finally(() => {
          this.busy = null
          if (this.running) this.schedule(this.again ? 0 : this.o.pollMs)
          this.again = false
        })
    }, ms)
  }

  /** Claims what is due and sends it; public for tests. */
  async round(): Promise<number> {
    const claimed = await this.claim(8)
    await Promise.all(claimed.map((c) => this.deliver(c)))
    return claimed.length
  }

  private claim(limit: number): Promise<Claimed[]> {
    return this.o.db.transaction((tx) =>
      tx.query<Claimed>(
        `WITH due AS (
           SELECT id FROM escalation.emergency_deliveries
            WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
            ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE escalation.emergency_deliveries d SET locked_until = now() + $2::integer * interval '1 millisecond', attempts = d.attempts + 1
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.report_id, d.url, d.payload, d.attempts`,
        [limit, this.o.leaseMs ?? 60_000],
      ),
    )
  }

  private async deliver(c: Claimed): Promise<void> {
    const outcome = await this.send(c)
    if (this.stopping.signal.aborted && !outcome.ok && outcome.error === 'aborted') {
      await this.o.db.query(`UPDATE escalation.emergency_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1 AND attempts = $2`, [c.id, c.attempts])
      return
    }
    const delay = outcome.ok ? 0 : retryDelayMs(c.attempts, this.o.baseDelayMs, this.o.maxDelayMs)
    await this.o.db.transaction(async (tx) => {
      await tx.query('INSERT INTO escalation.emergency_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        c.id,
        c.attempts,
        outcome.statusCode ?? null,
        outcome.error?.slice(0, 1000) ?? null,
        Math.round(outcome.durationMs),
      ])
      const moved = await tx.query(
        `UPDATE escalation.emergency_deliveries
            SET status = $3, locked_until = NULL, last_status_code = $4, last_error = $5,
                delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE NULL END,
                next_attempt_at = now() + $6::integer * interval '1 millisecond'
          WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
        [c.id, c.attempts, outcome.ok ? 'delivered' : 'pending', outcome.statusCode ?? null, outcome.error?.slice(0, 1000) ?? null, delay],
      )
      if (moved.length) {
        await recordLive(tx, outcome.ok ? 'emergency.report.delivered' : 'emergency.report.delivery_failed', {
          reportId: c.report_id,
          deliveryId: c.id,
          attempt: c.attempts,
          statusCode: outcome.statusCode ?? null,
          ...(outcome.ok ? {} : { error: outcome.error, retryInMs: delay }),
        })
      }
    })
  }

  /** One signed POST. Headers as intake's webhooks: X-Hotline-Event, -Delivery, -Timestamp, -Signature. */
  private async send(c: Claimed): Promise<Outcome> {
    const body = JSON.stringify(c.payload)
    const timestamp = String(Math.floor(Date.now() / 1000))
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 10_000)
    const started = performance.now()
    try {
      const res = await fetch(c.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([timeout, this.stopping.signal]),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'hotline-hub-emergency/1',
          'x-hotline-event': 'emergency.report',
          'x-hotline-delivery': c.id,
          'x-hotline-timestamp': timestamp,
          'x-hotline-signature': signDelivery(this.o.secret, timestamp, body),
        },
        body,
      })
      await res.body?.cancel().catch(() => {})
      const ok = res.status >= 200 && res.status < 300
      return { ok, statusCode: res.status, durationMs: performance.now() - started, ...(ok ? {} : { error: `HTTP ${res.status}` }) }
    } catch (err) {
      if (this.stopping.signal.aborted) return { ok: false, error: 'aborted', durationMs: performance.now() - started }
      const e = err as Error & { cause?: { code?: string; message?: string } }
      const cause = e.cause?.code ?? e.cause?.message
      return { ok: false, durationMs: performance.now() - started, error: timeout.aborted ? 'timed out' : cause ? `${e.message}: ${cause}` : e.message }
    }
  }
}
