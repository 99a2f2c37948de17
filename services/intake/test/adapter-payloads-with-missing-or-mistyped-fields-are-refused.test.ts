import t from 'tap'
import type { TSchema } from '@sinclair/typebox'
import { ADAPTERS, AdapterError, payloadIssues, validateAndNormalize } from '../src/adapters/index.ts'
import { clone, resolvePointer, without, withValue } from './adapter-test-helpers.ts'

/** Pointers of every required field, nested objects included. */
function requiredPointers(schema: TSchema, prefix = ''): string[] {
  const out: string[] = []
  for (const name of (schema.required as string[] | undefined) ?? []) {
    out.push(`${prefix}/${name}`)
    const sub = (schema.properties as Record<string, TSchema>)[name]
    if (sub?.type === 'object') out.push(...requiredPointers(sub, `${prefix}/${name}`))
  }
  return out
}

/** A value of the wrong JSON type for what is there now. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return 'true'
  if (Array.isArray(value)) return {}
  return 'not an object'
}

for (const adapter of Object.values(ADAPTERS)) {
  const example = adapter.examples[0]!.payload as Record<string, unknown>

  t.test(`${adapter.channel}: a payload missing a required field is refused, naming the field`, async (t) => {
    const required = requiredPointers(adapter.schema)
    t.ok(required.length >= 3, `requires ${required.join(', ')}`)
    for (const pointer of required) {
      if (resolvePointer(example, pointer) === undefined) continue
      const payload = without(clone(example), pointer)
      const issues = payloadIssues(adapter, payload)
      t.ok(issues.some((i) => i.pointer === pointer && /required/.test(i.message)), `${pointer}: ${JSON.stringify(issues)}`)
      const err = t.throws(() => validateAndNormalize(adapter, payload)) as AdapterError
      t.ok(err instanceof AdapterError)
      t.equal(err.channel, adapter.channel)
    }
  })

  t.test(`${adapter.channel}: a field of the wrong type is refused, naming the field`, async (t) => {
    for (const [name, value] of Object.entries(example)) {
      const payload = withValue(clone(example), `/${name}`, wrongType(value))
      const issues = payloadIssues(adapter, payload)
      t.ok(issues.some((i) => i.pointer === `/${name}`), `/${name}: ${JSON.stringify(issues)}`)
    }
  })

  t.test(`${adapter.channel}: unknown fields, blank text and non-objects are refused`, async (t) => {
    const extra = payloadIssues(adapter, { ...example, remark: '备注' })
    t.same(extra, [{ pointer: '/remark', message: 'is not a field of this channel' }])
    for (const bad of [null, [], '工单', 42, {}]) t.ok(payloadIssues(adapter, bad).length > 0, JSON.stringify(bad))

    const contentField = adapter.normalize(clone(example)).pointers.content!
    const blank = withValue(clone(example), contentField, '   \n ')
    t.ok(payloadIssues(adapter, blank).some((i) => i.pointer === contentField), 'blank content')
    const huge = withValue(clone(example), contentField, '长'.repeat(20001))
    t.ok(payloadIssues(adapter, huge).some((i) => i.pointer === contentField), 'over-long content')
  })
}
