import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import { createAjv } from './ajv.ts'
import type { TSchema } from '@sinclair/typebox'
import { EventEnvelopeSchema, type EventEnvelope } from './envelope.ts'
import { TOPIC_DATA_SCHEMAS, topicTypeVersion } from './events.ts'

/** One shared ajv instance: schemas compile once per process. */
export const ajv: Ajv = createAjv({ allErrors: true, strict: false, coerceTypes: false })

const compiled = new WeakMap<TSchema, ValidateFunction>()
export function compile(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema)
  if (!fn) {
    fn = ajv.compile(schema)
    compiled.set(schema, fn)
  }
  return fn
}

export interface ValidationIssue {
  /** JSON pointer of the offending field, e.g. `/data/case/channel`. */
  pointer: string
  message: string
}

export class ContractError extends Error {
  readonly issues: ValidationIssue[]
  constructor(what: string, issues: ValidationIssue[]) {
    super(`${what}: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`)
    this.name = 'ContractError'
    this.issues = issues
  }
}

export function toIssues(errors: ErrorObject[] | null | undefined, prefix = ''): ValidationIssue[] {
  return (errors ?? []).map((e) => {
    let pointer = prefix + e.instancePath
    if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`
    if (e.keyword === 'additionalProperties')
      pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`
    return { pointer, message: e.message ?? e.keyword }
  })
}

/** Validates an envelope and its data against the topic's schema; throws ContractError. */
export function assertValidEvent(topic: string, envelope: unknown): asserts envelope is EventEnvelope {
  const env = compile(EventEnvelopeSchema)
  if (!env(envelope)) throw new ContractError(`invalid envelope on ${topic}`, toIssues(env.errors))
  const { type, version } = topicTypeVersion(topic)
  const e = envelope as EventEnvelope
  if (e.type !== type || e.version !== version)
    throw new ContractError(`invalid envelope on ${topic}`, [
      { pointer: '/type', message: `expected ${type} v${version}, got ${e.type} v${e.version}` },
    ])
  const dataSchema = (TOPIC_DATA_SCHEMAS as Record<string, TSchema | undefined>)[topic]
  if (!dataSchema) return // topics outside the catalog (tests, dlq) carry free data
  const data = compile(dataSchema)
  if (!data(e.data)) throw new ContractError(`invalid ${topic} data`, toIssues(data.errors, '/data'))
}
