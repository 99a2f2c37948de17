import { ProblemError } from '@hotline-hub/platform'
import type { Db } from '@hotline-hub/db'
import type { Actor } from '../domain/actor.ts'
import type { CaseInput, SourcePointers } from '../domain/case-input.ts'
import type { CaseIntake, CreateResult } from '../domain/case-service.ts'
import { errors } from '../errors.ts'

/**
 * Open311 requests carry no time of their own: the case is received "now".
 * A retry with the same Idempotency-Key would then differ in receivedAt and
 * be refused as another request, so the retry reuses the receivedAt of the
 * stored first answer. When the first request is still in flight, the
 * refusal is retried once, after it has committed.
 */
export async function createIdempotent(
  d: { db: Db; intake: CaseIntake },
  input: CaseInput,
  pointers: SourcePointers,
  actor: Actor,
  key: string | undefined,
): Promise<CreateResult> {
  if (!key) return d.intake.create(input, pointers, actor)
  const stored = await storedReceivedAt(d.db, actor.id, key)
  if (stored) return d.intake.create({ ...input, receivedAt: stored }, pointers, actor, key)
  try {
    return await d.intake.create(input, pointers, actor, key)
  } catch (err) {
    if (!(err instanceof ProblemError) || err.code !== errors.code('IDEMPOTENCY_KEY_REUSED')) throw err
    const late = await storedReceivedAt(d.db, actor.id, key)
    if (!late || late === input.receivedAt) throw err
    return d.intake.create({ ...input, receivedAt: late }, pointers, actor, key)
  }
}

async function storedReceivedAt(db: Db, principal: string, key: string): Promise<string | undefined> {
  const [row] = await db.query<{ received_at: string | null }>(
    `SELECT response->>'receivedAt' AS received_at FROM intake.idempotency_keys WHERE principal = $1 AND key = $2`,
    [principal, key],
  )
  return row?.received_at ?? undefined
}
