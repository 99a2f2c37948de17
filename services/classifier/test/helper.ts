/**
 * The classifier test helper: the classifier service alone in a real runtime
 * (embedded PGlite + log table), as in distributed mode — it asks a stand-in
 * intake at INTAKE_URL who each bearer token is. Registers teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Test } from 'tap'
import type { Role } from '@hotline-hub/contracts'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { asRole, standInIntake } from '../../../tests/support/stand-in-intake.ts'
import { ClassifierConfigSchema } from '../src/config.ts'
import { createClassifierService } from '../src/service.ts'

export interface ClassifierApp {
  runtime: Runtime
  inject: Runtime['app']['inject']
  /** `authorization` header for a role (the stand-in intake knows one token per role). */
  as(role: Role): Record<string, string>
  /** How often the stand-in intake was asked who a token is. */
  introspections(): number
}

export async function buildClassifier(t: Test, env: Record<string, string> = {}): Promise<ClassifierApp> {
  const intake = await standInIntake()
  const dir = mkdtempSync(path.join(tmpdir(), 'hh-classifier-'))
  const runtime = await createRuntime({
    name: 'classifier-test',
    schema: ClassifierConfigSchema,
    env: { LOG_LEVEL: 'silent', DATA_DIR: dir, INTAKE_URL: intake.url, ...env },
    factories: [createClassifierService],
    telemetry: false,
  })
  t.teardown(async () => {
    await runtime.close()
    await intake.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { runtime, inject: runtime.app.inject.bind(runtime.app) as Runtime['app']['inject'], as: asRole, introspections: intake.asked }
}
