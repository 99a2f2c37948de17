/**
 * The escalation test helper: the escalation service alone in a real runtime
 * of a mode (embedded PGlite + log table by default, or PostgreSQL + Kafka),
 * asking a stand-in intake (INTAKE_URL) who each bearer token is, with a way
 * to feed it the events intake and the classifier would publish.
 * Registers teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Test } from 'tap'
import { TOPICS, makeEnvelope, type CanonicalCase, type CaseClassified, type CaseLifecycle } from '@hotline-hub/contracts'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { asRole, standInIntake, STAND_IN_DEPARTMENT } from '../../../tests/support/stand-in-intake.ts'
import { EscalationConfigSchema } from '../src/config.ts'
import { createEscalationService } from '../src/service.ts'

export const DEPARTMENT = STAND_IN_DEPARTMENT

export interface EscalationApp {
  runtime: Runtime
  inject: Runtime['app']['inject']
  /** `authorization` header of the stand-in user of a role (department: 市城管局). */
  as(role: string): Record<string, string>
  /** Publishes case.received.v1 for a case (defaults filled in); returns the case. */
  receive(c: Partial<CanonicalCase> & { id: string }): Promise<CanonicalCase>
  /** Publishes one case.lifecycle.v1 transition. */
  lifecycle(caseId: string, e: Partial<CaseLifecycle> & Pick<CaseLifecycle, 'action' | 'to'>): Promise<void>
  /** Publishes a case.classified.v1 (defaults filled in). */
  classified(caseId: string, c: Partial<CaseClassified>): Promise<void>
  /** Waits until the service has applied every event published so far. */
  settled(ms?: number): Promise<void>
}

export async function buildEscalation(t: Test, env: Record<string, string> = {}, afterClose?: () => Promise<void>): Promise<EscalationApp> {
  const intake = await standInIntake()
  let dir: string | null = null
  if (!env.DATA_DIR && !env.DATABASE_URL) {
    dir = mkdtempSync(path.join(tmpdir(), 'hh-escalation-'))
    env = { ...env, DATA_DIR: dir }
  }
  const runtime = await createRuntime({
    name: 'escalation-test',
    schema: EscalationConfigSchema,
    // No SLA clock on the system time unless a suite asks for one: it sets its own clock.
    env: { LOG_LEVEL: 'silent', INTAKE_URL: intake.url, ESCALATION_SLA_TICK_MS: '0', ...env },
    factories: [createEscalationService],
    telemetry: false,
  })
  t.teardown(async () => {
    await runtime.close()
    await intake.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
    await afterClose?.()
  })
  const publish = (topic: string, caseId: string, data: unknown) =>
    runtime.db.transaction((tx) => runtime.bus.publish(tx, [{ topic, key: caseId, envelope: makeEnvelope(topic, { source: 'test', caseId, data }) }]))
  return {
    runtime,
    inject: runtime.app.inject.bind(runtime.app) as Runtime['app']['inject'],
    as: asRole,
    async receive(c) {
      const full: CanonicalCase = {
        channel: 'hotline-12345',
        receivedAt: new Date().toISOString(),
        content: '测试诉求',
        caller: {},
        location: {},
        status: 'received',
        ...c,
      }
      await publish(TOPICS.caseReceived, c.id, { case: full })
      return full
    },
    async lifecycle(caseId, e) {
      const data: CaseLifecycle = { from: null, actor: { id: 'user:test', role: 'operator' }, at: new Date().toISOString(), ...e }
      await publish(TOPICS.caseLifecycle, caseId, data)
    },
    async classified(caseId, c) {
      const tag = (value: string) => ({ value, confidence: 0.9, because: ['测试'] })
      const data: CaseClassified = {
        modelVersion: 'test',
        topic: tag('城乡建设'),
        subtopics: [],
        appealType: { ...tag('投诉'), value: '投诉' },
        urgency: { ...tag('一般'), value: '一般' },
        sentiment: { negativity: 0.1, flags: [], because: [] },
        location: { because: [] },
        ...c,
      }
      await publish(TOPICS.caseClassified, caseId, data)
    },
    async settled(ms = 30_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const [pending] = await runtime.db.query<{ n: string | number }>(
          `SELECT count(*) AS n FROM bus.outbox o WHERE o.topic = ANY($1)
             AND NOT EXISTS (SELECT 1 FROM escalation.processed_events p WHERE p.group_name = 'escalation' AND p.event_id = o.event_id)`,
          [[TOPICS.caseReceived, TOPICS.caseLifecycle, TOPICS.caseClassified]],
        )
        if (Number(pending!.n) === 0) return
        if (Date.now() > deadline) throw new Error(`escalation did not apply ${pending!.n} events within ${ms} ms`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
  }
}
