import { createHmac } from 'node:crypto'
import t from 'tap'
import { makeEnvelope, TOPICS } from '@hotline-hub/contracts'
import { PiiVault } from '../src/pii/vault.ts'
import { retryDelayMs } from '../src/webhooks/backoff.ts'
import { webhookPayload } from '../src/webhooks/webhook-payload.ts'
import { newWebhookSecret, signWebhook, verifyWebhook } from '../src/webhooks/webhook-signature.ts'

t.test('the signature is sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">', async (t) => {
  const body = JSON.stringify({ hello: '世界' })
  const want = createHmac('sha256', 'secret-0123456789').update(`1700000000.${body}`).digest('hex')
  t.equal(signWebhook('secret-0123456789', '1700000000', body), `sha256=${want}`)
  t.ok(verifyWebhook('secret-0123456789', '1700000000', body, `sha256=${want}`))
  t.notOk(verifyWebhook('secret-0123456789', '1700000001', body, `sha256=${want}`), 'another timestamp does not verify')
  t.notOk(verifyWebhook('secret-0123456789', '1700000000', `${body} `, `sha256=${want}`), 'another body does not verify')
  t.notOk(verifyWebhook('secret-0123456789', '1700000000', body, 'sha256=00'), 'a short signature does not verify (and does not throw)')
  t.not(newWebhookSecret(), newWebhookSecret())
})

t.test('backoff doubles from the base delay up to the cap, jittered down by at most a quarter', async (t) => {
  const p = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 3600_000 }
  t.same([1, 2, 3, 4].map((a) => retryDelayMs(a, p, () => 0)), [1000, 2000, 4000, 8000])
  t.equal(retryDelayMs(30, p, () => 0), 3600_000, 'capped at one hour')
  t.equal(retryDelayMs(1000, p, () => 0), 3600_000, 'no overflow on huge attempt numbers')
  t.equal(retryDelayMs(3, p, () => 1), 3000, 'jitter takes off at most 25%')
})

t.test('the vault encrypts text secrets; they do not pass for personal data', async (t) => {
  const vault = new PiiVault(PiiVault.generateKey(), PiiVault.generateKey())
  const token = vault.encryptText('whsec_abc')
  t.notMatch(token, 'whsec_abc')
  t.equal(vault.decryptText(token), 'whsec_abc')
  t.not(vault.encryptText('whsec_abc'), token, 'a fresh IV each time')
  t.throws(() => vault.decrypt(token), 'a text ciphertext is not personal data')
  t.throws(() => vault.decryptText(vault.encrypt({ phone: '13812345678' })), 'and the reverse')
  t.throws(() => new PiiVault(PiiVault.generateKey(), PiiVault.generateKey()).decryptText(token), 'another key cannot read it')
})

t.test('payloads: no phone hash, and phone or ID numbers masked in free text and extra fields', async (t) => {
  const envelope = makeEnvelope(TOPICS.caseReceived, {
    source: 'intake',
    caseId: 'HH2025010100000001',
    data: {
      case: {
        id: 'HH2025010100000001', channel: 'hotline-12345', receivedAt: '2025-01-01T00:00:00.000Z', status: 'received',
        title: '请回拨 13912345678', content: '身份证110105194912310021，电话 139-1234-5678',
        caller: { phone: '138****5678', phoneHash: 'a'.repeat(64) }, location: {},
        extra: { contact: { mobile: '13712345678' }, ticket: '20250101000123' },
      },
    },
  })
  const out = webhookPayload(envelope) as any
  t.equal(out.id, envelope.id)
  t.notOk('phoneHash' in out.data.case.caller)
  t.equal(out.data.case.caller.phone, '138****5678')
  t.equal(out.data.case.title, '请回拨 139****5678')
  t.notMatch(out.data.case.content, /13912345678|139-1234-5678|110105194912310021/)
  t.equal(out.data.case.extra.contact.mobile, '137****5678')
  t.equal(out.caseId, 'HH2025010100000001', 'ids are left as they are')
  t.equal((envelope.data as any).case.caller.phoneHash, 'a'.repeat(64), 'the event itself is not changed')
})
