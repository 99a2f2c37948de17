/**
 * Validates a channel payload against its adapter's schema, then
 * normalizes it. This is the one way in: a payload that does not fit is
 * refused as a whole with every issue named by its JSON pointer.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import { createAjv } from '@hotline-hub/contracts'
import type { TSchema } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { AdapterError, type PayloadIssue } from './adapter-error.ts'
import type { ChannelAdapter } from './types.ts'

/** ajv for channel payloads: strict schemas, all errors, no type coercion, no defaults injected. */
export const payloadAjv: Ajv = createAjv({ allErrors: true, strict: true, coerceTypes: false })

const compiled = new WeakMap<TSchema, ValidateFunction>()
function compile(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema)
  if (!fn) {
    fn = payloadAjv.compile(schema)
    compiled.set(schema, fn)
  }
  return fn
}

function toIssues(errors: ErrorObject[] | null | undefined): PayloadIssue[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'if') // the `then` branch error says what is missing
    .map((e) => {
      let pointer = e.instancePath
      if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`
      if (e.keyword === 'additionalProperties') pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`
      let message = e.message ?? e.keyword
      if (e.keyword === 'additionalProperties') message = 'is not a field of this channel'
      if (e.keyword === 'false schema') message = 'is not allowed together with the other fields sent'
      return { pointer, message }
    })
}

/** Issues of `payload` against the adapter's schema; empty when it fits. */
export function payloadIssues(adapter: ChannelAdapter, payload: unknown): PayloadIssue[] {
  const validate = compile(adapter.schema)
  return validate(payload) ? [] : toIssues(validate.errors)
}

/**
 * Validates and normalizes one payload.
 * @throws AdapterError listing every issue (schema violations, impossible dates).
 */
export function validateAndNormalize(adapter: ChannelAdapter, payload: unknown): Normalized {
  const issues = payloadIssues(adapter, payload)
  if (issues.length > 0) throw new AdapterError(issues, adapter.channel)
  try {
    return adapter.normalize(payload)
  } catch (err) {
    if (err instanceof AdapterError && err.channel === undefined) throw new AdapterError(err.issues, adapter.channel)
    throw err
  }
}
