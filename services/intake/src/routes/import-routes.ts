import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { Readable, Transform } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CHANNELS, compile, toIssues, type Channel } from '@hotline-hub/contracts'
import { ProblemError, toProblem } from '@hotline-hub/platform'
import { normalizePayload } from './normalize-payload.ts'
import { actorOf } from '../auth/auth-plugin.ts'
import type { Actor } from '../domain/actor.ts'
import { errors } from '../errors.ts'
import type { IntakeDeps } from '../intake-deps.ts'
import { CaseInputBody } from './case-input-schema.ts'

interface LineResult {
  line: number
  status: number
  id?: string
  replayed?: boolean
  code?: string
  pointer?: string
  detail?: string
}

/**
 * 历史数据导入: NDJSON, one case a line — `{"channel": "...", "payload": {…}}`
 * in the channel's own shape, or `{"case": {…}}` canonical. Read and answered
 * as a stream: one result line per input line, in order. Each line is its own
 * idempotent create (keyed on the Idempotency-Key header and the line number,
 * or on the line's content), so a retried import neither loses nor doubles a line.
 */
export async function importRoutes(app: FastifyInstance, d: IntakeDeps) {
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload))

  app.post('/api/v1/import', {
    schema: { tags: ['cases'], summary: 'Bulk import (NDJSON, streamed, a result per line)', headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }) },
    config: { roles: ['operator', 'integrator', 'admin'] },
  }, async (request, reply) => {
    const actor = actorOf(request)
    const body = request.body as Readable
    if (!body || typeof (body as Readable).pipe !== 'function')
      throw errors.create('UNSUPPORTED_MEDIA_TYPE', { detail: 'send Content-Type: application/x-ndjson' })
    const key = request.headers['idempotency-key'] as string | undefined
    const limited = body.pipe(byteLimit(d.config.IMPORT_BODY_LIMIT_BYTES))
    const out = Readable.from(results(limited, actor, key, d))
    reply.type('application/x-ndjson; charset=utf-8')
    return reply.send(out)
  })
}

async function* results(input: Readable, actor: Actor, key: string | undefined, d: IntakeDeps): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity })
  let n = 0
  try {
    for await (const text of lines) {
      n++
      if (!text.trim()) continue
      yield JSON.stringify(await importLine(text, n, actor, key, d)) + '\n'
    }
  } catch (err) {
    const p = err instanceof ProblemError ? err : toProblem(err, errors)
    yield JSON.stringify({ line: n, status: p.status, code: p.code, detail: p.message, aborted: true }) + '\n'
  }
}

async function importLine(text: string, line: number, actor: Actor, key: string | undefined, d: IntakeDeps): Promise<LineResult> {
  try {
    let parsed: { channel?: string; payload?: unknown; case?: Record<string, unknown> }
    try {
      parsed = JSON.parse(text)
    } catch (err) {
      throw errors.create('MALFORMED_JSON', { pointer: '', detail: (err as Error).message })
    }
    const lineKey = key ? `${key}#${line}` : `line:${createHash('sha256').update(text).digest('hex')}`
    if (parsed.case) {
      const validate = compile(CaseInputBody)
      if (!validate(parsed.case)) throw errors.create('VALIDATION', { errors: toIssues(validate.errors, '/case').map((i) => ({ pointer: i.pointer, detail: i.message })) })
      const c = parsed.case as any
      if (!CHANNELS.includes(c.channel)) throw errors.create('UNKNOWN_CHANNEL', { pointer: '/case/channel' })
      const r = await d.intake.create({ ...c, caller: c.caller ?? {}, location: c.location ?? {} }, {}, actor, lineKey)
      return { line, status: r.status, id: r.body.id, replayed: r.replayed }
    }
    if (!parsed.channel || !CHANNELS.includes(parsed.channel as Channel)) throw errors.create('UNKNOWN_CHANNEL', { pointer: '/channel' })
    const { input, pointers } = normalizePayload(parsed.channel as Channel, parsed.payload, '/payload')
    const r = await d.intake.create(input, pointers, actor, lineKey)
    return { line, status: r.status, id: r.body.id, replayed: r.replayed }
  } catch (err) {
    const p = toProblem(err, errors)
    if (p.status >= 500) throw err // the database is gone: stop, the client retries the whole import
    return { line, status: p.status, code: p.code, pointer: p.pointer, detail: p.message }
  }
}

function byteLimit(max: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length
      if (seen > max) return cb(errors.create('IMPORT_TOO_LARGE', { detail: `more than ${max} bytes` }))
      cb(null, chunk)
    },
  })
}
