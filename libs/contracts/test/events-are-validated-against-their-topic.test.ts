import t from 'tap'
import { ContractError, TOPICS, assertValidEvent, makeEnvelope, topicTypeVersion, dlqTopic } from '../src/index.ts'

const caseData = {
  case: {
    id: 'HH202611220001',
    channel: 'hotline-12345',
    externalId: 'T-1',
    receivedAt: '2026-11-22T02:00:00.000Z',
    content: '小区楼道燃气味很重，怀疑泄漏',
    caller: { name: '张*', phone: '138****5678' },
    location: { district: '芙蓉区', street: '五里牌街道' },
    status: 'received',
  },
}

t.test('a well-formed case.received event passes', async (t) => {
  const env = makeEnvelope(TOPICS.caseReceived, { source: 'intake', caseId: 'HH202611220001', data: caseData })
  t.equal(env.type, 'case.received')
  t.equal(env.version, 1)
  t.doesNotThrow(() => assertValidEvent(TOPICS.caseReceived, env))
})

t.test('an unknown channel is refused with the pointer of the field', async (t) => {
  const data = { case: { ...caseData.case, channel: 'fax' } }
  const env = makeEnvelope(TOPICS.caseReceived, { source: 'intake', caseId: 'x', data })
  const err = t.throws(() => assertValidEvent(TOPICS.caseReceived, env)) as ContractError
  t.ok(err instanceof ContractError)
  t.ok(err.issues.some((i) => i.pointer === '/data/case/channel'), JSON.stringify(err.issues))
})

t.test('a missing required field names the field', async (t) => {
  const { content: _content, ...rest } = caseData.case
  const env = makeEnvelope(TOPICS.caseReceived, { source: 'intake', caseId: 'x', data: { case: rest } })
  const err = t.throws(() => assertValidEvent(TOPICS.caseReceived, env)) as ContractError
  t.ok(err.issues.some((i) => i.pointer === '/data/case/content'))
})

t.test('raw personal data fields are not allowed in events', async (t) => {
  const data = { case: { ...caseData.case, caller: { phone: '138****5678', rawPhone: '13812345678' } } }
  const env = makeEnvelope(TOPICS.caseReceived, { source: 'intake', caseId: 'x', data })
  const err = t.throws(() => assertValidEvent(TOPICS.caseReceived, env)) as ContractError
  t.ok(err.issues.some((i) => i.pointer === '/data/case/caller/rawPhone'))
})

t.test('the envelope type must match the topic', async (t) => {
  const env = makeEnvelope(TOPICS.caseLifecycle, { source: 'intake', caseId: 'x', data: {} })
  t.throws(() => assertValidEvent(TOPICS.caseReceived, env), /expected case.received v1/)
})

t.test('a malformed envelope is refused', async (t) => {
  t.throws(() => assertValidEvent(TOPICS.caseReceived, { id: 'not-a-uuid' }), ContractError)
  t.throws(() => assertValidEvent(TOPICS.caseReceived, 'text'), ContractError)
})

t.test('topics carry versions and have dead-letter twins', async (t) => {
  t.same(topicTypeVersion('case.lifecycle.v1'), { type: 'case.lifecycle', version: 1 })
  t.throws(() => topicTypeVersion('case.lifecycle'))
  t.equal(dlqTopic(TOPICS.caseClassified), 'case.classified.v1.dlq')
  for (const topic of Object.values(TOPICS)) t.match(topic, /\.v\d+$/)
})

t.test('lifecycle events validate actor and states', async (t) => {
  const ok = makeEnvelope(TOPICS.caseLifecycle, {
    source: 'intake',
    caseId: 'HH1',
    data: { action: 'dispatch', from: 'received', to: 'dispatched', actor: { id: 'u1', role: 'operator' }, at: '2026-11-22T02:00:00Z', department: '市城管局' },
  })
  t.doesNotThrow(() => assertValidEvent(TOPICS.caseLifecycle, ok))
  const bad = { ...ok, data: { ...ok.data, to: 'teleported' } }
  t.throws(() => assertValidEvent(TOPICS.caseLifecycle, bad), ContractError)
})
