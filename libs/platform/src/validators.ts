import type { FastifyInstance } from 'fastify'
import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

/**
 * Route validation: bodies are checked strictly (no type coercion, no silent
 * removal of unknown fields — an integrator sending `content: 12345` or a
 * misspelt field is told so); query strings, params and headers are text on
 * the wire and are coerced to the declared types.
 */
export function installValidators(app: FastifyInstance): void {
  const strict = addFormats(new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false }))
  const coercing = addFormats(new Ajv({ allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true, strict: false }))
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema))
}
