import { randomBytes } from 'node:crypto'

/** X-Hotline-Signature of a webhook delivery, and its check (one scheme for every outgoing delivery). */
export { signPayload as signWebhook, verifyPayload as verifyWebhook } from '@hotline-hub/platform'

/** A new signing secret, shown once to the integrator. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`
