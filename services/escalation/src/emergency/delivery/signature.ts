import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the destination's
 * secret: the X-Hotline-Signature header, as on intake's webhooks. The
 * timestamp (Unix seconds, X-Hotline-Timestamp) is signed too, so that the
 * receiver can refuse old replays.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** How a receiver checks a request (constant time). */
export function verifyDelivery(secret: string, timestamp: string, body: string, signature: string): boolean {
  const want = Buffer.from(signDelivery(secret, timestamp, body))
  const got = Buffer.from(signature)
  return want.length === got.length && timingSafeEqual(want, got)
}

/** Delay after failed attempt n (1-based): base, 2×base, 4×base … capped, less up to a quarter at random. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40))
  return Math.max(1, Math.round(exp * (1 - 0.25 * random())))
}
