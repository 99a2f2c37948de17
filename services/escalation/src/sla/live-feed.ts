import type { Db } from '@hotline-hub/db'
import type { Logger } from 'pino'
import { livePosition, readLive, type LiveMessage } from './live.ts'

export type LiveListener = (messages: readonly LiveMessage[]) => void

const PAGE = 500

/**
 * One poller per process over escalation.live_events, fanning new messages
 * out to the stream connections. It reads only while someone listens, and
 * moves strictly by seq (writers serialise, so seq order is commit order:
 * see recordLive). Works the same with any number of replicas: each reads
 * the table.
 */
export class LiveFeed {
  private readonly listeners = new Set<LiveListener>()
  private position: bigint | null = null
  private starting: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null
  private polling: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly db: Db,
    private readonly o: { pollMs: number; logger: Logger },
  ) {}

  /**
   * Adds a listener and returns the seq after which it will be given every
   * message (the feed's position when it joined). Messages up to that seq
   * are the caller's to read (readLive) if it wants them.
   */
  async subscribe(listener: LiveListener): Promise<bigint> {
    if (this.stopped) throw new Error('the live feed is stopped')
    while (this.position === null) {
      this.starting ??= livePosition(this.db).then(
        (p) => {
          this.position = p
          this.starting = null
        },
        (err: unknown) => {
          this.starting = null
          throw err
        },
      )
      await this.starting
    }
    // No await between reading the position and joining: a poll cannot slip in.
    const from = this.position
    this.listeners.add(listener)
    this.schedule()
    return from
  }

  unsubscribe(listener: LiveListener): void {
    this.listeners.delete(listener)
    if (this.listeners.size === 0) this.idle()
  }

  /** Stops polling; listeners are dropped (their connections are closed by the route). */
  async stop(): Promise<void> {
    this.stopped = true
    this.listeners.clear()
    this.idle()
    await this.polling
  }

  private idle(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    // Forget the position: the next subscriber starts from the newest message again.
    if (!this.polling) this.position = null
  }

  private schedule(delay = this.o.pollMs): void {
    if (this.stopped || this.timer || this.polling || this.listeners.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      let full = false
      this.polling = this.poll()
        .then((f) => {
          full = f
        })
        .finally(() => {
          this.polling = null
          if (this.listeners.size > 0) this.schedule(full ? 0 : this.o.pollMs)
          else this.position = null
        })
    }, delay)
    this.timer.unref()
  }

  /** Reads one page and hands it out; true when the page was full (more to read at once). */
  private async poll(): Promise<boolean> {
    if (this.stopped || this.position === null) return false
    try {
      const messages = await readLive(this.db, this.position, PAGE)
      if (messages.length === 0 || this.position === null) return false
      // Position and delivery move together, synchronously.
      this.position = BigInt(messages[messages.length - 1]!.seq)
      for (const l of this.listeners) {
        try {
          l(messages)
        } catch (err) {
          this.o.logger.warn({ err }, 'live stream listener failed')
        }
      }
      return messages.length === PAGE
    } catch (err) {
      this.o.logger.warn({ err }, 'reading the live stream failed; retrying')
      return false
    }
  }
}
