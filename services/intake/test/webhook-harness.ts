/**
 * Webhook tests' harness: the intake service in a real embedded runtime
 * (PGlite + log table in a temp DATA_DIR), users and keys made directly, and
 * local receivers on 127.0.0.1 (the only URLs tests may call).
 */
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Test } from 'tap'
import type { Channel } from '@hotline-hub/contracts'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { Principals } from '../src/auth/principals.ts'
import { IntakeConfigSchema } from '../src/config.ts'
import { createIntakeService } from '../src/service.ts'

const PASSWORD = 'webhook-test-password'

export interface Hub {
  runtime: Runtime
  principals: Principals
  inject: Runtime['app']['inject']
  /** Bearer headers of a user signed in through POST /api/v1/auth/login. */
  login(role: 'operator' | 'admin' | 'department', department?: string): Promise<Record<string, string>>
  /** X-Api-Key headers of a new integrator key. */
  key(channels: Channel[]): Promise<{ id: string; headers: Record<string, string> }>
}

export async function buildHub(t: Test, env: Record<string, string> = {}): Promise<Hub> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hh-webhooks-'))
  const runtime = await createRuntime({
    name: 'intake-webhook-test',
    schema: IntakeConfigSchema,
    env: { DATA_DIR: dir, LOG_LEVEL: 'silent', WEBHOOK_BASE_DELAY_MS: '20', WEBHOOK_MAX_DELAY_MS: '200', ...env },
    factories: [createIntakeService],
    telemetry: false,
  })
  t.teardown(async () => {
    await runtime.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const principals = new Principals(runtime.db, 3600_000)
  const inject = runtime.app.inject.bind(runtime.app)
  let n = 0
  return {
    runtime,
    principals,
    inject,
    async login(role, department) {
      const username = `wh-${role}-${++n}`
      await principals.createUser({ username, password: PASSWORD, role, ...(department ? { department } : {}) })
      const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } })
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
      return { authorization: `Bearer ${res.json().token}` }
    },
    async key(channels) {
      const k = await principals.createApiKey(`webhook test ${++n}`, channels, 100_000)
      return { id: k.id, headers: { 'x-api-key': k.key } }
    },
  }
}

export interface Received {
  headers: IncomingHttpHeaders
  body: string
}

export interface Receiver {
  url: string
  requests: Received[]
}

/** A local receiver; `answer(n)` gives the status of the n-th request (1-based). */
export async function receiver(t: Test, answer: (n: number) => number = () => 200): Promise<Receiver> {
  const requests: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.statusCode = answer(requests.length)
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, requests }
}

/** Waits until `check` holds (the worker runs in the background); fails with `what` after a generous limit. */
export async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The receiver's own check of X-Hotline-Signature, written independently of the product's code. */
export function signatureIsValid(secret: string, r: Received): boolean {
  const ts = String(r.headers['x-hotline-timestamp'])
  const want = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`
  return r.headers['x-hotline-signature'] === want
}

/** True once the intake-webhooks consumer has applied every event published about the case. */
export async function consumerCaughtUp(runtime: Runtime, caseId: string): Promise<boolean> {
  const [r] = await runtime.db.query<{ missing: string }>(
    `SELECT count(*)::text AS missing FROM bus.outbox o
      WHERE o.key = $1 AND o.topic IN ('case.received.v1', 'case.lifecycle.v1')
        AND NOT EXISTS (SELECT 1 FROM intake.processed_events p WHERE p.group_name = 'intake-webhooks' AND p.event_id = o.event_id)`,
    [caseId],
  )
  const [any] = await runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM bus.outbox WHERE key = $1`, [caseId])
  return Number(any!.n) > 0 && Number(r!.missing) === 0
}

/** A canonical case with a caller phone, and another phone number typed into the text. */
export function caseBody(channel: Channel, over: Record<string, unknown> = {}) {
  return {
    channel,
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    content: '小区楼道燃气味很重，怀疑泄漏，请回电13912345678',
    caller: { name: '张三丰', phone: '13812345678' },
    location: { district: '道里区', street: '新阳路街道', address: '道里区新阳路街道安静小区3栋2单元501' },
    ...over,
  }
}

/** The number a `SELECT count(*)` query answers. */
export async function count(runtime: Runtime, sql: string, params: unknown[] = []): Promise<number> {
  const [r] = await runtime.db.query<{ count: string | number }>(sql, params)
  return Number(r?.count)
}
