/** X-Hotline-Signature of a report delivery, and its check: the same scheme as intake's webhooks. */
export { signPayload as signDelivery, verifyPayload as verifyDelivery } from '@hotline-hub/platform'

/** Delay after failed attempt n (1-based): base, 2×base, 4×base … capped, less up to a quarter at random. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40))
  return Math.max(1, Math.round(exp * (1 - 0.25 * random())))
}
