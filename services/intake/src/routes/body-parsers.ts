import type { FastifyInstance } from 'fastify'
import { CharsetError, decodeBody } from '../adapters/charset.ts'
import { errors } from '../errors.ts'

/**
 * JSON bodies in UTF-8, GBK or GB18030 (legacy government systems send
 * `charset=gbk`). Invalid bytes for the declared charset are refused with
 * BAD_ENCODING; text that is not JSON with MALFORMED_JSON.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    let text: string
    try {
      text = decodeBody(body, request.headers['content-type'])
    } catch (err) {
      if (err instanceof CharsetError)
        return done(errors.create(err.reason === 'unsupported' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_ENCODING', { pointer: '', detail: err.message }), undefined)
      return done(err as Error, undefined)
    }
    if (text.trim() === '') return done(errors.create('MALFORMED_JSON', { pointer: '', detail: 'empty body' }), undefined)
    try {
      done(null, JSON.parse(text))
    } catch (err) {
      done(errors.create("MALFORMED_JSON", { pointer: "", detail: (err as Error).message }), undefined)
    }
  })
}
