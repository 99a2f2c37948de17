import { performance } from 'node:perf_hooks'
import type { AttemptOutcome } from './delivery-queue.ts'
import { signWebhook } from './webhook-signature.ts'

export interface WebhookRequest {
  url: string
  secret: string
  deliveryId: string
  eventType: string
  payload: unknown
  timeoutMs: number
  /** Aborts the call when the worker stops. */
  signal?: AbortSignal
  now?: () => Date
}

/** Thrown when the call was cut short because the worker is stopping, not because the receiver failed. */
export class SendAborted extends Error {}

/**
 * POSTs one delivery: a JSON body, signed. Headers:
 * - `X-Hotline-Event`: the event type (case.received, case.lifecycle);
 * - `X-Hotline-Delivery`: the delivery id (the same on every retry: receivers deduplicate on it);
 * - `X-Hotline-Timestamp`: Unix seconds;
 * - `X-Hotline-Signature`: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 * 2xx is success; redirects are not followed (they count as failures).
 */
export async function sendWebhook(r: WebhookRequest): Promise<AttemptOutcome> {
  const body = JSON.stringify(r.payload)
  const timestamp = String(Math.floor((r.now?.() ?? new Date()).getTime() / 1000))
  const timeout = AbortSignal.timeout(r.timeoutMs)
  const signal = r.signal ? AbortSignal.any([timeout, r.signal]) : timeout
  const started = performance.now()
  try {
    const res = await fetch(r.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'hotline-hub-webhooks/1',
        'x-hotline-event': r.eventType,
        'x-hotline-delivery': r.deliveryId,
        'x-hotline-timestamp': timestamp,
        'x-hotline-signature': signWebhook(r.secret, timestamp, body),
      },
      body,
    })
    await res.body?.cancel().catch(() => {})
    const durationMs = performance.now() - started
    const ok = res.status >= 200 && res.status < 300
    return { ok, statusCode: res.status, durationMs, ...(ok ? {} : { error: `HTTP ${res.status}` }) }
  } catch (err) {
    if (r.signal?.aborted && !timeout.aborted) throw new SendAborted('worker stopping')
    const durationMs = performance.now() - started
    return { ok: false, durationMs, error: timeout.aborted ? `timed out after ${r.timeoutMs} ms` : describe(err) }
  }
}

/** fetch's error with its cause (ECONNREFUSED, ENOTFOUND …), no stack. */
function describe(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } }
  const cause = e?.cause?.code ?? e?.cause?.message
  return cause ? `${e.message}: ${cause}` : String(e?.message ?? err)
}
