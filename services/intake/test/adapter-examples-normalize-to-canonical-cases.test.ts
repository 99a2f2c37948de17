import t from 'tap'
import { APPEAL_TYPES, CHANNELS, CanonicalCaseSchema, URGENCIES, compile } from '@hotline-hub/contracts'
import { ADAPTERS, adapterFor, payloadIssues, validateAndNormalize } from '../src/adapters/index.ts'
import { isValidIdNumber, isValidMainlandPhone } from '../src/adapters/validate-person.ts'
import type { SourcePointers } from '../src/domain/case-input.ts'
import { ISO_WITH_OFFSET, resolvePointer } from './adapter-test-helpers.ts'

/** The receivedAt each shipped example must normalize to, in order. */
const EXPECTED_RECEIVED_AT: Record<string, string[]> = {
  'hotline-12345': ['2026-03-02T21:47:05+08:00', '2026-03-11T09:12:40+08:00', '2026-03-18T14:03:09+08:00'],
  'hotline-12319': ['2025-12-05T19:26:33+08:00', '2026-06-12T07:05:00+08:00', '2026-04-20T10:41:12+08:00'],
  'mayor-line': ['2026-04-08T08:30:15+08:00', '2026-07-19T22:14:08+08:00'],
  'web-message': ['2026-01-04T11:17:46+08:00', '2026-02-10T15:06:32+08:00', '2026-03-21T08:30:00+08:00'],
  'director-mailbox': ['2026-11-03T20:41:00+08:00', '2025-12-15T09:05:00+08:00'],
  'radio-hotline': ['2026-03-10T10:24:00+08:00', '2026-05-21T09:05:00+08:00'],
  'grid-supervisor': ['2026-04-15T10:30:12+08:00', '2026-04-15T14:45:00+08:00'],
  'video-patrol': ['2026-05-09T06:12:45+08:00', '2026-05-12T01:40:03+08:00'],
  'disclosure-request': ['2026-03-16T00:00:00+08:00', '2026-04-02T00:00:00+08:00'],
}

const canonical = compile(CanonicalCaseSchema)

t.test('there is exactly one adapter per channel, each with 2–3 examples', async (t) => {
  t.same(Object.keys(ADAPTERS).sort(), [...CHANNELS].sort())
  for (const channel of CHANNELS) {
    const adapter = adapterFor(channel)
    t.equal(adapter.channel, channel)
    t.ok(adapter.title.length > 0)
    t.equal(adapter.schema.type, 'object')
    t.equal(adapter.schema.additionalProperties, false, `${channel} refuses unknown fields`)
    t.ok(adapter.examples.length >= 2 && adapter.examples.length <= 3, `${channel} has 2–3 examples`)
    t.equal(adapter.examples.length, EXPECTED_RECEIVED_AT[channel]?.length)
  }
})

for (const adapter of Object.values(ADAPTERS)) {
  t.test(`${adapter.channel}: every example validates and normalizes`, async (t) => {
    adapter.examples.forEach((example, i) => {
      t.test(example.name, async (t) => {
        const payload = example.payload
        t.same(payloadIssues(adapter, payload), [], 'fits the schema')
        const { input, pointers } = validateAndNormalize(adapter, payload)
        const at = (key: keyof SourcePointers) => {
          const pointer = pointers[key]
          return pointer === undefined ? undefined : resolvePointer(payload, pointer)
        }

        t.equal(input.channel, adapter.channel)
        t.match(input.receivedAt, ISO_WITH_OFFSET, 'receivedAt carries an offset')
        t.equal(input.receivedAt, EXPECTED_RECEIVED_AT[adapter.channel]?.[i])
        t.ok(Date.parse(input.receivedAt) <= Date.now(), 'examples lie in the past (intake refuses future times)')
        t.not(at('receivedAt'), undefined, 'receivedAt pointer names a sent field')

        t.ok(input.content.length > 0)
        t.equal(input.content, String(at('content')).trim(), 'content comes from its pointer')
        t.ok(input.externalId, 'has an external id')
        t.not(at('externalId'), undefined, 'externalId pointer names a sent field')
        if (adapter.channel !== 'radio-hotline') t.equal(input.externalId, at('externalId'))

        const sourced: [keyof SourcePointers, string | undefined, (v: unknown) => unknown][] = [
          ['caller.name', input.caller.name, (v) => String(v).trim()],
          ['caller.phone', input.caller.phone, (v) => String(v).trim()],
          ['caller.idNumber', input.caller.idNumber, (v) => String(v).toUpperCase()],
          ['location.address', input.location.address, (v) => String(v).trim()],
        ]
        for (const [key, value, clean] of sourced) {
          if (value === undefined) t.equal(pointers[key], undefined, `no ${key} pointer without a value`)
          else t.equal(value, clean(at(key)), `${key} comes from ${pointers[key]}`)
        }
        if (input.caller.phone !== undefined) t.ok(isValidMainlandPhone(input.caller.phone), `${input.caller.phone} is a valid phone`)
        if (input.caller.idNumber !== undefined) t.ok(isValidIdNumber(input.caller.idNumber), `${input.caller.idNumber} is a valid ID`)

        if (input.appealType !== undefined) t.ok(APPEAL_TYPES.includes(input.appealType))
        if (input.urgency !== undefined) t.ok(URGENCIES.includes(input.urgency))

        const personal = [input.caller.name, input.caller.phone, input.caller.idNumber, input.location.address]
        const extra = JSON.stringify(input.extra ?? {})
        for (const value of personal) if (value) t.notOk(extra.includes(value), `extra does not repeat ${value}`)

        // The normalized case fits the canonical case that travels in events (caller masked later).
        const { department: _department, caller: _caller, ...rest } = input
        const asEvent = { ...rest, id: 'HH000000000001', status: 'received', caller: {} }
        t.ok(canonical(asEvent), JSON.stringify(canonical.errors))
      })
    })
  })
}
