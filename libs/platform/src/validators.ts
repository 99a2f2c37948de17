import type { FastifyInstance } from 'fastify'
import { createAjv } from '@hotline-hub/contracts'

/**
 * Route validation: bodies are checked strictly (no type coercion, no silent
 * removal of unknown fields — an integrator sending `content: 12345` or a
 * misspelt field is told so); query strings, params and headers are text on
 * the wire and are coerced to the declared types.
 */
export function installValidators(app: FastifyInstance): void {
  const strict = createAjv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false })
  const coercing = createAjv({ allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true, strict: false })
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema))
}
