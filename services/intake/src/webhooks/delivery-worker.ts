import type { Db } from '@hotline-hub/db'
import type { Logger } from 'pino'
import type { PiiVault } from '../pii/vault.ts'
import type { BackoffPolicy } from './backoff.ts'
import { claimDue, msUntilNextDue, recordAttempt, releaseClaim, type AttemptOutcome, type ClaimedDelivery } from './delivery-queue.ts'
import { Pause } from './pause.ts'
import { SendAborted, sendWebhook } from './send-webhook.ts'

export interface WorkerOptions {
  db: Db
  vault: PiiVault
  logger: Logger
  policy: BackoffPolicy
  /** Per request. Default 10 s. */
  timeoutMs?: number
  /** Deliveries sent at the same time by this worker. Default 8. */
  concurrency?: number
  /** Longest sleep when idle (other replicas' rows, retries coming due). Default 1 s. */
  pollMs?: number
  /** Lease on a claimed row; longer than the timeout. Default 60 s. */
  leaseMs?: number
}

/**
 * Sends pending webhook deliveries (集成方回调). Wakes when the consumer
 * queues rows, polls otherwise. Several replicas may run one each: rows are
 * claimed with SKIP LOCKED and a lease, and sent outside any transaction.
 */
export class WebhookWorker {
  private running = false
  private loop: Promise<void> | null = null
  private readonly pause = new Pause()
  private readonly stopping = new AbortController()
  private readonly inFlight = new Set<Promise<void>>()

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    if (this.running || this.stopping.signal.aborted) return
    this.running = true
    this.loop = this.work()
  }

  /** New rows may be there: look now. */
  wake(): void {
    this.pause.wake()
  }

  /** Stops claiming, aborts the calls in flight (their rows are given back untried) and waits for them. */
  async stop(): Promise<void> {
    this.running = false
    this.stopping.abort()
    this.pause.wake()
    await this.loop
    await Promise.allSettled([...this.inFlight])
  }

  private async work(): Promise<void> {
    const concurrency = this.o.concurrency ?? 8
    const pollMs = this.o.pollMs ?? 1000
    const leaseMs = this.o.leaseMs ?? 60_000
    let idle = 10
    while (this.running) {
      try {
        const free = concurrency - this.inFlight.size
        const claimed = free > 0 ? await claimDue(this.o.db, free, leaseMs) : []
        for (const c of claimed) this.track(this.deliver(c))
        if (free > 0 && claimed.length === free) continue // there may be more due
        const dueIn = free > 0 ? await msUntilNextDue(this.o.db) : null
        const woken = await this.pause.wait(Math.max(1, Math.min(idle, pollMs, dueIn ?? pollMs)))
        // After a wake the new rows may not be committed yet: look again soon, then back off.
        idle = woken || claimed.length > 0 ? 10 : Math.min(idle * 2, pollMs)
      } catch (err) {
        this.o.logger.error({ err }, 'webhook worker failed; retrying')
        await this.pause.wait(pollMs)
      }
    }
  }

  private track(p: Promise<void>): void {
    const tracked = p.finally(() => {
      this.inFlight.delete(tracked)
      this.pause.wake() // a slot is free
    })
    this.inFlight.add(tracked)
  }

  private async deliver(c: ClaimedDelivery): Promise<void> {
    try {
      const outcome = await this.attempt(c)
      const result = await recordAttempt(this.o.db, c, outcome, this.o.policy)
      const facts = { delivery: c.id, subscription: c.subscription_id, attempt: c.attempts, statusCode: outcome.statusCode, error: outcome.error }
      if (result === 'failed') this.o.logger.warn(facts, 'webhook delivery failed for good')
      else if (result === 'retry') this.o.logger.debug(facts, 'webhook delivery failed; will retry')
    } catch (err) {
      if (err instanceof SendAborted) await releaseClaim(this.o.db, c).catch(() => {})
      else this.o.logger.error({ err, delivery: c.id }, 'webhook delivery could not be recorded; it is retried when its lease ends')
    }
  }

  /** One signed POST; an unreadable secret counts as a failed attempt. */
  private async attempt(c: ClaimedDelivery): Promise<AttemptOutcome> {
    let secret: string
    try {
      secret = this.o.vault.decryptText(c.secret_ciphertext)
    } catch {
      return { ok: false, durationMs: 0, error: 'cannot decrypt the signing secret (was PII_ENCRYPTION_KEY changed?)' }
    }
    return sendWebhook({
      url: c.url,
      secret,
      deliveryId: c.id,
      eventType: c.event_type,
      payload: c.payload,
      timeoutMs: this.o.timeoutMs ?? 10_000,
      signal: this.stopping.signal,
    })
  }
}
