import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The X-Hotline-Signature of an outgoing delivery (intake's webhooks to
 * integrators, escalation's reports to the 应急办): `sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">` with the receiver's secret. The timestamp (Unix
 * seconds, X-Hotline-Timestamp) is signed too, so a receiver can refuse old
 * replays.
 */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** How a receiver checks a delivery (constant-time comparison). */
export function verifyPayload(secret: string, timestamp: string, body: string, signature: string): boolean {
  const want = Buffer.from(signPayload(secret, timestamp, body))
  const got = Buffer.from(signature)
  return want.length === got.length && timingSafeEqual(want, got)
}
