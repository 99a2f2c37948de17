import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { toProblem } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { formatOfUrl, sendFormatted } from './format.ts'

/** An error answered in Open311's own shape: `[{ code, description }]`. */
export class Open311Error extends Error {
  constructor(readonly status: number, description: string) {
    super(description)
    this.name = 'Open311Error'
  }
}

export const open311Error = (status: number, description: string) => new Open311Error(status, description)

function toOpen311(err: unknown): { status: number; description: string; internal: boolean } {
  if (err instanceof Open311Error) return { status: err.status, description: err.message, internal: false }
  const p = toProblem(err, errors)
  if (p.status >= 500) return { status: p.status, description: `${p.zh} (${p.code})`, internal: true }
  const detail = p.errors.length ? p.errors.map((e) => (e.pointer ? `${e.pointer}: ${e.detail}` : e.detail)).join('; ') : p.message
  return { status: p.status, description: `${p.zh}: ${detail}`, internal: false }
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, description: string, retryAfter?: number): FastifyReply {
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
  reply.code(status)
  return sendFormatted(reply, formatOfUrl(request.url), [{ code: status, description }], { root: 'errors', item: 'error' })
}

/**
 * Errors of the Open311 context leave as Open311 errors (JSON or XML, by the
 * URL's extension), never as problem+json: the error handler and the 404
 * handler are set on this encapsulated, prefixed context only.
 */
export function installOpen311ErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const e = toOpen311(err)
    if (e.internal) request.log.error({ err }, 'open311 request failed')
    else request.log.info({ status: e.status }, 'open311 request refused')
    const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds
    return sendError(request, reply, e.status, e.description, retryAfter)
  })
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 404, `not found: ${request.method} ${request.url.split('?')[0]} (endpoints end in .json or .xml)`),
  )
}
