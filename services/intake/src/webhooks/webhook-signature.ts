import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the subscription's
 * secret: the value of the X-Hotline-Signature header. The timestamp (Unix
 * seconds, X-Hotline-Timestamp) is signed too, so a receiver can refuse old
 * replays.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** How a receiver checks a request (constant-time comparison). */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const want = Buffer.from(signWebhook(secret, timestamp, body))
  const got = Buffer.from(signature)
  return want.length === got.length && timingSafeEqual(want, got)
}

/** A new signing secret, shown once to the integrator. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`
