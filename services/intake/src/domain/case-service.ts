import { createHash } from 'node:crypto'
import { TOPICS, makeEnvelope, type Channel } from '@hotline-hub/contracts'
import type { Db, Sql } from '@hotline-hub/db'
import type { Bus } from '@hotline-hub/bus'
import { maskPersonalText } from '@hotline-hub/observability'
import { errors } from '../errors.ts'
import type { PiiVault } from '../pii/vault.ts'
import type { Actor } from './actor.ts'
import type { CaseInput, SourcePointers } from './case-input.ts'
import { nextCaseNumber } from './case-number.ts'
import { toCanonical, toView, type CaseRow, type CaseView } from './case-row.ts'
import { checkCaseInput, deidentify } from './deidentify.ts'

export interface CreateResult {
  /** 201 for a new case; 200 when the channel's ticket was already here. */
  status: 201 | 200
  body: CaseView
  /** True when an Idempotency-Key answered with its stored response. */
  replayed: boolean
}

export interface CaseServiceDeps {
  db: Db
  bus: Bus
  vault: PiiVault
  now?: () => Date
}

/** Creating cases: validation, de-identification, idempotency, one transaction with the outbox. */
export class CaseIntake {
  constructor(private readonly d: CaseServiceDeps) {}

  private now(): Date {
    return this.d.now?.() ?? new Date()
  }

  async create(input: CaseInput, pointers: SourcePointers, actor: Actor, idempotencyKey?: string): Promise<CreateResult> {
    assertChannelAllowed(actor, input.channel)
    const now = this.now()
    checkCaseInput(input, pointers, now)
    const pii = deidentify(input, this.d.vault)
    const requestHash = idempotencyKey ? hashRequest(input) : ''
    return this.d.db.transaction(async (tx) => {
      if (idempotencyKey) {
        const claimed = await tx.query(
          `INSERT INTO intake.idempotency_keys (principal, key, request_hash, status_code, response)
           VALUES ($1, $2, $3, 0, '{}'::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
          [actor.id, idempotencyKey, requestHash],
        )
        if (claimed.length === 0) return replay(tx, actor.id, idempotencyKey, requestHash)
      }
      const id = await nextCaseNumber(tx, now)
      const inserted = await tx.query<CaseRow>(
        `INSERT INTO intake.cases (id, channel, external_id, received_at, title, content, status, department, topic, urgency,
           appeal_type, district, street, address_masked, lat, lon, caller_name_masked, caller_phone_masked, caller_id_masked,
           caller_phone_hash, pii_ciphertext, pii_key_id, extra, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,'received',$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22::jsonb,$23)
         ON CONFLICT (channel, external_id) DO NOTHING RETURNING *`,
        [
          id, input.channel, input.externalId ?? null, input.receivedAt, pii.title ?? null, pii.content,
          input.department ?? null, input.topic ?? null, input.urgency ?? null, input.appealType ?? null,
          input.location.district ?? null, input.location.street ?? null, pii.addressMasked,
          input.location.lat ?? null, input.location.lon ?? null, pii.nameMasked, pii.phoneMasked, pii.idMasked,
          pii.phoneHash, pii.ciphertext, pii.keyId, input.extra ? JSON.stringify(input.extra) : null, actor.id,
        ],
      )
      let result: CreateResult
      if (inserted[0]) {
        const row = inserted[0]
        await tx.query(
          `INSERT INTO intake.case_events (case_id, action, from_status, to_status, actor_id, actor_role, at)
           VALUES ($1, 'receive', NULL, 'received', $2, $3, $4)`,
          [row.id, actor.id, actor.role, now],
        )
        await this.d.bus.publish(tx, [
          { topic: TOPICS.caseReceived, key: row.id, envelope: makeEnvelope(TOPICS.caseReceived, { source: 'intake', caseId: row.id, data: { case: toCanonical(row) }, occurredAt: now }) },
        ])
        result = { status: 201, body: toView(row), replayed: false }
      } else {
        const [existing] = await tx.query<CaseRow>(`SELECT * FROM intake.cases WHERE channel = $1 AND external_id = $2`, [input.channel, input.externalId])
        result = { status: 200, body: toView(existing!), replayed: false }
      }
      if (idempotencyKey)
        await tx.query(`UPDATE intake.idempotency_keys SET status_code = $3, response = $4::jsonb WHERE principal = $1 AND key = $2`, [
          actor.id, idempotencyKey, result.status, JSON.stringify(result.body),
        ])
      return result
    })
  }
}

async function replay(tx: Sql, principal: string, key: string, requestHash: string): Promise<CreateResult> {
  const [row] = await tx.query<{ request_hash: string; status_code: number; response: CaseView }>(
    `SELECT request_hash, status_code, response FROM intake.idempotency_keys WHERE principal = $1 AND key = $2`,
    [principal, key],
  )
  if (!row || row.request_hash !== requestHash)
    throw errors.create('IDEMPOTENCY_KEY_REUSED', { pointer: '/headers/idempotency-key', detail: `Idempotency-Key ${key} was used for another request` })
  return { status: row.status_code as 201 | 200, body: row.response, replayed: true }
}

/** Stable hash of what was asked, so a reused key with another body is told apart from a retry. */
function hashRequest(input: CaseInput): string {
  return createHash('sha256').update(stableJson(input)).digest('hex')
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`
}

export function assertChannelAllowed(actor: Actor, channel: Channel): void {
  if (actor.role === 'integrator' && !actor.channels?.includes(channel))
    throw errors.create('CHANNEL_NOT_ALLOWED', { pointer: '/channel', detail: `this API key may not create ${channel} cases` })
}

/** Free text that leaves the service (replies, reasons) with phone and ID numbers masked. */
export const safeText = (s: string | undefined): string | undefined => (s === undefined ? undefined : maskPersonalText(s))
