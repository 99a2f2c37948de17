/**
 * The intake test helper: builds the intake service in a real runtime
 * (embedded PGlite + log table by default, or a given mode's env), creates a
 * user of every role and an integrator key, and registers teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Test } from 'tap'
import type { Channel, Role } from '@hotline-hub/contracts'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { IntakeConfigSchema } from '../src/config.ts'
import { createIntakeService } from '../src/service.ts'
import { Principals } from '../src/auth/principals.ts'
import { PiiVault } from '../src/pii/vault.ts'

export interface IntakeApp {
  runtime: Runtime
  /** Bearer tokens by role; `department` speaks for 市城管局. */
  tokens: Record<Exclude<Role, 'integrator'>, string>
  /** An integrator key for hotline-12345 and web-message, and one for every channel. */
  keys: { limited: string; all: string }
  principals: Principals
  /** Counts rows, for asserting that a refused request wrote nothing. */
  count(table: 'cases' | 'case_events' | 'outbox' | 'audit_log'): Promise<number>
  headers(roleOrKey: Exclude<Role, 'integrator'> | 'key' | 'allkey', extra?: Record<string, string>): Record<string, string>
}

export const DEPARTMENT = '市城管局'
const PASSWORD = 'correct-horse-battery-staple'

export async function buildIntake(t: Test, env: Record<string, string> = {}, afterClose?: () => Promise<void>): Promise<IntakeApp> {
  let cleanup: (() => void | Promise<void>) | null = afterClose ?? null
  if (env.DATABASE_URL && !env.PII_ENCRYPTION_KEY) env = { ...env, PII_ENCRYPTION_KEY: PiiVault.generateKey(), PII_HASH_KEY: PiiVault.generateKey() }
  if (!env.DATA_DIR && !env.DATABASE_URL) {
    const dir = mkdtempSync(path.join(tmpdir(), 'hh-intake-'))
    cleanup = () => rmSync(dir, { recursive: true, force: true })
    env = { ...env, DATA_DIR: dir }
  }
  const runtime = await createRuntime({
    name: 'intake-test',
    schema: IntakeConfigSchema,
    env: { LOG_LEVEL: 'silent', ...env },
    factories: [createIntakeService],
    telemetry: false,
  })
  t.teardown(async () => {
    await runtime.close()
    await cleanup?.()
  })
  const principals = new Principals(runtime.db, 3600_000)
  const tokens = {} as IntakeApp['tokens']
  for (const role of ['operator', 'duty_officer', 'leader', 'department', 'admin'] as const) {
    const username = `test-${role}`
    await principals.createUser({ username, password: PASSWORD, role, ...(role === 'department' ? { department: DEPARTMENT } : {}) })
    tokens[role] = (await principals.login(username, PASSWORD))!.token
  }
  const limited = await principals.createApiKey('test integrator', ['hotline-12345', 'web-message'] as Channel[], 100_000)
  const all = await principals.createApiKey('test integrator (all channels)', [
    'hotline-12345', 'hotline-12319', 'mayor-line', 'web-message', 'director-mailbox', 'radio-hotline', 'grid-supervisor', 'video-patrol', 'disclosure-request',
  ], 100_000)
  return {
    runtime,
    tokens,
    keys: { limited: limited.key, all: all.key },
    principals,
    async count(table) {
      const name = table === 'outbox' ? 'bus.outbox' : `intake.${table}`
      const [r] = await runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${name}`)
      return Number(r!.n)
    },
    headers(who, extra = {}) {
      const credential = who === 'key' ? limited.key : who === 'allkey' ? all.key : tokens[who]
      return { authorization: `Bearer ${credential}`, ...extra }
    },
  }
}

/** A valid canonical case body. */
export function caseBody(over: Record<string, unknown> = {}) {
  return {
    channel: 'hotline-12345',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    content: '小区楼道燃气味很重，怀疑泄漏',
    caller: { name: '张三丰', phone: '13812345678', idNumber: '11010519491231002X' },
    location: { district: '道里区', street: '新阳路街道', address: '道里区新阳路街道安静小区3栋2单元501' },
    ...over,
  }
}
