import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorObject } from 'ajv'
import { ContractError, toIssues } from '@hotline-hub/contracts'
import { ProblemError, type ErrorCatalog } from './errors.ts'

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

/** The body of every error answer (RFC 9457 with our extensions). */
export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  code: string
  /** 中文说明 */
  message_zh: string
  message_en: string
  /** JSON pointer of the (first) offending field. */
  pointer?: string
  errors?: { pointer: string; detail: string }[]
  requestId: string
}

/** Errors that mean the database or the log cannot answer now. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; retriable?: boolean; message?: string } | undefined
  if (!e) return false
  if (e.name === 'DbUnavailableError' || e.name === 'KafkaUnavailableError' || e.code === 'DB_UNAVAILABLE') return true
  const code = e.code ?? ''
  // SQLSTATE 08xxx (connection exception) and 57P01–57P03 (the server shut the session down or cannot take it yet).
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)
}

/** Maps any error to a problem of the catalog. */
export function toProblem(err: unknown, catalog: ErrorCatalog<string>): ProblemError {
  if (err instanceof ProblemError) return err
  if (err instanceof ContractError)
    return catalog.create('VALIDATION', { detail: err.message, errors: err.issues.map((i) => ({ pointer: i.pointer, detail: i.message })) })
  const fe = err as FastifyError & { validation?: { instancePath: string; message?: string; params?: Record<string, unknown>; keyword: string }[]; validationContext?: string }
  if (fe.validation) {
    const ctx = fe.validationContext && fe.validationContext !== 'body' ? `/${fe.validationContext}` : ''
    const errors = toIssues(fe.validation as ErrorObject[], ctx).map((i) => ({ pointer: i.pointer, detail: i.message }))
    return catalog.create('VALIDATION', { detail: fe.message, errors })
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return catalog.create('MALFORMED_JSON', { detail: fe.message, pointer: '' })
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return catalog.create('BODY_TOO_LARGE', { detail: fe.message, pointer: '' })
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return catalog.create('UNSUPPORTED_MEDIA_TYPE', { detail: fe.message })
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return catalog.create('MALFORMED_JSON', { detail: fe.message, pointer: '' })
  if (isUnavailable(err)) return catalog.create('UNAVAILABLE', { detail: 'database or log unavailable', retryAfterSeconds: 5, cause: err })
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return catalog.create('VALIDATION', { detail: fe.message })
  return catalog.create('INTERNAL', { cause: err })
}

export function problemBody(p: ProblemError, request: FastifyRequest): ProblemBody {
  const body: ProblemBody = {
    type: `https://hotline-hub.dev/errors/${p.code}`,
    title: p.message.length < 120 ? p.message : p.code,
    status: p.status,
    detail: p.status >= 500 ? p.zh : p.message,
    instance: request.url,
    code: p.code,
    message_zh: p.zh,
    message_en: p.status >= 500 ? p.code : p.message,
    requestId: String(request.id),
  }
  if (p.pointer !== undefined) body.pointer = p.pointer
  if (p.errors.length) body.errors = p.errors
  return body
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: ProblemError): FastifyReply {
  if (p.retryAfterSeconds !== undefined) reply.header('retry-after', String(p.retryAfterSeconds))
  return reply.code(p.status).type(PROBLEM_JSON).send(problemBody(p, request))
}

/**
 * Sets the error handler of an encapsulated context (a service's plugin):
 * every error leaves as problem+json with the service's codes. Internal
 * errors are logged, never shown. With `notFound`, also answers unknown
 * routes (the runtime does this once for the whole server).
 */
export function installProblemHandlers(app: FastifyInstance, catalog: ErrorCatalog<string>, options: { notFound?: boolean } = {}): void {
  app.setErrorHandler((err, request, reply) => {
    const p = toProblem(err, catalog)
    if (p.status >= 500) request.log.error({ err, code: p.code }, 'request failed')
    else request.log.info({ code: p.code, pointer: p.pointer }, 'request refused')
    return sendProblem(reply, request, p)
  })
  if (options.notFound)
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, catalog.create('NOT_FOUND', { detail: `${request.method} ${request.url} not found` })),
    )
}
