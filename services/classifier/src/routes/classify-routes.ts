import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { APPEAL_TYPES, CORRECTABLE_TAGS, URGENCIES, type CaseClassified, type CorrectableTag, type Role } from '@hotline-hub/contracts'
import type { Bus } from '@hotline-hub/bus'
import type { Db } from '@hotline-hub/db'
import { principalOf, type Reloadable } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import type { CaseClassifier } from '../classify/case-classifier.ts'
import { applyCorrections, correctionsOf, recordCorrection, topicFeedback } from '../classify/corrections.ts'
import { saveAndPublish } from '../classify/classification-consumer.ts'
import { TOPIC_LABELS } from '../topic/labels.ts'

export interface ClassifyRouteDeps {
  db: Db
  bus: Bus
  classifier: Reloadable<CaseClassifier>
}

const READERS: Role[] = ['operator', 'duty_officer', 'leader', 'department', 'admin']
const CORRECTORS: Role[] = ['operator', 'duty_officer', 'admin']

const ClassifyBody = Type.Object(
  {
    /** Free text; or title and content as a case has them. */
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    content: Type.Optional(Type.String({ maxLength: 100_000 })),
    district: Type.Optional(Type.String({ maxLength: 64 })),
    street: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
)

const CorrectionBody = Type.Object(
  {
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** The text corrected, for a case not yet classified or an ad-hoc text. */
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
    tag: Type.Unsafe<CorrectableTag>({ type: 'string', enum: [...CORRECTABLE_TAGS] }),
    value: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

const ALLOWED: Record<CorrectableTag, readonly string[] | null> = {
  topic: TOPIC_LABELS,
  urgency: URGENCIES,
  appealType: APPEAL_TYPES,
  subtopic: null,
}

/** 分类 API: ad-hoc classification, a case's tags, corrections (改判) and rule reloads. */
export async function classifyRoutes(app: FastifyInstance, d: ClassifyRouteDeps): Promise<void> {
  app.post('/api/v1/classify', {
    schema: { tags: ['classify'], summary: '对一段文本分类（受理时的实时提示）', body: ClassifyBody },
    config: { roles: [...READERS, 'integrator'] },
  }, async (request) => {
    const b = request.body as Static<typeof ClassifyBody>
    const { result, topicRanking } = d.classifier.current.classifyDetailed({
      title: b.title,
      content: b.text ?? b.content ?? '',
      location: { district: b.district, street: b.street },
    })
    return { ...result, topicRanking: topicRanking.slice(0, 3) }
  })

  app.get('/api/v1/classifications/:caseId', {
    schema: { tags: ['classify'], summary: '诉求件的分类结果及依据', params: Type.Object({ caseId: Type.String({ maxLength: 64 }) }) },
    config: { roles: READERS },
  }, async (request) => {
    const { caseId } = request.params as { caseId: string }
    const [row] = await d.db.query<{ result: CaseClassified; classified_at: Date }>('SELECT result, classified_at FROM classifier.classifications WHERE case_id = $1', [caseId])
    if (!row) throw errors.create('CASE_NOT_CLASSIFIED', { pointer: '/caseId' })
    const corrections = await correctionsOf(d.db, caseId)
    return { caseId, classifiedAt: new Date(row.classified_at).toISOString(), ...row.result, corrections: corrections.map(publicCorrection) }
  })

  app.post('/api/v1/corrections', {
    schema: { tags: ['classify'], summary: '改判一个标签：存档并用于下次训练', body: CorrectionBody },
    config: { roles: CORRECTORS },
  }, async (request, reply) => {
    const b = request.body as Static<typeof CorrectionBody>
    const allowed = ALLOWED[b.tag]
    if (allowed && !allowed.includes(b.value))
      throw errors.create('INVALID_TAG_VALUE', { pointer: '/value', detail: `${b.tag} must be one of ${allowed.join(', ')}` })
    const who = principalOf(request, errors)
    const saved = await d.db.transaction(async (tx) => {
      const [row] = b.caseId
        ? await tx.query<{ event_id: string; text: string; result: CaseClassified }>(
            'SELECT event_id, text, result FROM classifier.classifications WHERE case_id = $1 FOR UPDATE',
            [b.caseId],
          )
        : []
      const text = row?.text ?? b.text
      if (!text) throw errors.create('TEXT_REQUIRED', { pointer: '/text' })
      const correction = await recordCorrection(tx, { caseId: b.caseId ?? null, tag: b.tag, value: b.value, reason: b.reason, by: who.id, role: who.role }, text, row?.result ?? null)
      if (row && b.caseId) {
        // The case shows the person's tag at once: the corrected classification is published.
        const result = applyCorrections(row.result, [correction])
        await saveAndPublish(tx, d.bus, { caseId: b.caseId, eventId: row.event_id, text, result })
      }
      return correction
    })
    reply.code(201)
    return publicCorrection(saved)
  })

  app.get('/api/v1/corrections', {
    schema: {
      tags: ['classify'],
      summary: '改判记录（最新在前）',
      querystring: Type.Object({
        tag: Type.Optional(Type.Unsafe<CorrectableTag>({ type: 'string', enum: [...CORRECTABLE_TAGS] })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      }),
    },
    config: { roles: ['duty_officer', 'leader', 'admin'] },
  }, async (request) => {
    const q = request.query as { tag?: CorrectableTag; limit: number }
    const rows = await d.db.query<Parameters<typeof publicCorrection>[0]>(
      `SELECT * FROM classifier.corrections WHERE ($1::text IS NULL OR tag = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
      [q.tag ?? null, q.limit],
    )
    return { items: rows.map(publicCorrection) }
  })

  app.get('/api/v1/corrections/feedback.jsonl', {
    schema: { tags: ['classify'], summary: '主题改判导出为训练反馈（train --feedback 读取）', querystring: Type.Object({ since: Type.Optional(Type.String({ format: 'date-time' })) }) },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    const { since } = request.query as { since?: string }
    const rows = await topicFeedback(d.db, since ? new Date(since) : undefined)
    reply.type('application/x-ndjson; charset=utf-8')
    return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '')
  })

  app.post('/api/v1/classifier/reload', {
    schema: { tags: ['classify'], summary: '重新加载模型、规则和地名库；有误则保持原规则' },
    config: { roles: ['admin'] },
  }, async () => {
    const outcome = d.classifier.reload()
    if (!outcome.ok) throw errors.create('RELOAD_REFUSED', { detail: outcome.error!.message, pointer: '' })
    return { version: outcome.version }
  })
}

function publicCorrection(r: { id: string; case_id: string | null; tag: string; from_value: string | null; to_value: string; corrected_by: string; corrected_role: string; reason: string | null; created_at: Date }) {
  return {
    id: r.id,
    caseId: r.case_id,
    tag: r.tag,
    from: r.from_value,
    to: r.to_value,
    by: r.corrected_by,
    role: r.corrected_role,
    reason: r.reason,
    at: new Date(r.created_at).toISOString(),
  }
}
