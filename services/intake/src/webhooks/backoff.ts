/** Retry policy of webhook deliveries (config WEBHOOK_*). */
export interface BackoffPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * Delay before the attempt after failed attempt `attempt` (1-based): base,
 * 2×base, 4×base … capped at maxDelayMs, then shortened by up to a quarter at
 * random so that retries to a receiver that was down do not all come at once.
 */
export function retryDelayMs(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.min(attempt - 1, 40))
  return Math.max(1, Math.round(exp * (1 - 0.25 * random())))
}
