/**
 * The whole system in this process (intake, classifier, escalation on one
 * Fastify server), in a mode's environment: PGlite + log table, or
 * PostgreSQL + Kafka. Creates a user of every role and registers teardown.
 */
import type { Test } from 'tap'
import type { Role } from '@hotline-hub/contracts'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { HubConfigSchema, SERVICES } from '@hotline-hub/hub'
import { Principals } from '@hotline-hub/intake'
import type { Mode } from './infra.ts'

export type UserRole = Exclude<Role, 'integrator'>

export interface HubApp {
  runtime: Runtime
  tokens: Record<UserRole, string>
  /** `authorization` header of a role. */
  as(role: UserRole): Record<string, string>
  inject: Runtime['app']['inject']
  /** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `ms`. */
  until<T>(what: string, check: () => Promise<T | undefined>, ms?: number): Promise<T>
}

export const TEST_DEPARTMENT = '市城管局'
export const TEST_PASSWORD = 'correct-horse-battery-staple'
const PASSWORD = TEST_PASSWORD

export async function buildHubApp(t: Test, mode: Mode, env: Record<string, string> = {}): Promise<HubApp> {
  const runtime = await createRuntime({
    name: 'hub-test',
    schema: HubConfigSchema,
    env: { LOG_LEVEL: 'silent', ...mode.env, ...env },
    factories: SERVICES,
    telemetry: false,
  })
  t.teardown(() => runtime.close())
  const principals = new Principals(runtime.db, 3600_000)
  const tokens = {} as Record<UserRole, string>
  for (const role of ['operator', 'duty_officer', 'leader', 'department', 'admin'] as const) {
    const username = `hub-${role}`
    await principals.createUser({ username, password: PASSWORD, role, ...(role === 'department' ? { department: TEST_DEPARTMENT } : {}) })
    tokens[role] = (await principals.login(username, PASSWORD))!.token
  }
  return {
    runtime,
    tokens,
    as: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    inject: runtime.app.inject.bind(runtime.app) as Runtime['app']['inject'],
    async until(what, check, ms = 30_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const v = await check()
        if (v !== undefined) return v
        if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
  }
}
