import t from 'tap'
import { ADAPTERS, AdapterError, adapterFor, payloadIssues, validateAndNormalize } from '../src/adapters/index.ts'
import { epochToChinaTime, formatChinaTime, parseChinaTime } from '../src/adapters/china-time.ts'
import type { ChannelAdapter } from '../src/adapters/types.ts'
import { clone } from './adapter-test-helpers.ts'

const example = (adapter: ChannelAdapter, i = 0) => clone(adapter.examples[i]!.payload) as Record<string, any>
const pointersOf = (adapter: ChannelAdapter, payload: unknown) => payloadIssues(adapter, payload).map((i) => i.pointer)

t.test('local times are China time; offsets are honoured and rewritten to +08:00', async (t) => {
  t.equal(parseChinaTime('2026-03-02 21:47:05', '/x'), '2026-03-02T21:47:05+08:00')
  t.equal(parseChinaTime('2026-03-02 21:47', '/x'), '2026-03-02T21:47:00+08:00')
  t.equal(parseChinaTime('2026-03-02', '/x'), '2026-03-02T00:00:00+08:00')
  t.equal(parseChinaTime('2026-12-31T20:00:00Z', '/x'), '2027-01-01T04:00:00+08:00', 'UTC crosses the year')
  t.equal(parseChinaTime('2026-03-02T10:00:00+09:00', '/x'), '2026-03-02T09:00:00+08:00')
  t.equal(parseChinaTime('2026-03-02T10:00:00.250-05:00', '/x'), '2026-03-02T23:00:00.250+08:00')
  t.equal(parseChinaTime('2028-02-29 12:00:00', '/x'), '2028-02-29T12:00:00+08:00', 'leap day')
  t.equal(formatChinaTime(0), '1970-01-01T08:00:00+08:00')
  t.equal(epochToChinaTime(1776220212000, '/x'), '2026-04-15T10:30:12+08:00')
  for (const bad of ['2026-02-29 10:00:00', '2026-04-31', '2026-13-01', '2026-03-02 24:00:00', '2026/03/02', '']) {
    const err = t.throws(() => parseChinaTime(bad, '/ldsj')) as AdapterError
    t.same(err.issues.map((i) => i.pointer), ['/ldsj'], bad)
  }
  t.throws(() => epochToChinaTime(-1, '/reportedAt'), AdapterError)
  t.throws(() => epochToChinaTime(1.5, '/reportedAt'), AdapterError)
})

t.test('an impossible date passes the pattern but is refused by normalize, naming the field', async (t) => {
  const cases: [string, string, unknown, string][] = [
    ['hotline-12345', '/ldsj', '2026-02-30 10:00:00', '/ldsj'],
    ['hotline-12319', '/callTime', '2026-06-31T07:05:00', '/callTime'],
    ['mayor-line', '/LDRQ', '20260229', '/LDRQ'],
    ['web-message', '/postedAt', '2026-04-31 08:00:00', '/postedAt'],
    ['director-mailbox', '/writtenAt', '2026-11-31 20:41', '/writtenAt'],
  ]
  for (const [channel, field, value, pointer] of cases) {
    const adapter = adapterFor(channel)
    const payload = { ...example(adapter), [field.slice(1)]: value }
    t.same(payloadIssues(adapter, payload), [], `${channel} pattern accepts ${value}`)
    const err = t.throws(() => validateAndNormalize(adapter, payload)) as AdapterError
    t.ok(err instanceof AdapterError)
    t.equal(err.channel, channel)
    t.same(err.issues.map((i) => i.pointer), [pointer])
  }
  const radio = ADAPTERS['radio-hotline']
  t.same(pointersOf(radio, { ...example(radio), airDate: '2026-02-29' }), ['/airDate'], 'format date checks the calendar')
})

t.test('video patrol requires an offset; 12319 may omit it', async (t) => {
  const video = ADAPTERS['video-patrol']
  t.same(pointersOf(video, { ...example(video), detectedAt: '2026-05-09 06:12:45' }), ['/detectedAt'])
  t.equal(validateAndNormalize(video, example(video, 1)).input.receivedAt, '2026-05-12T01:40:03+08:00')
  const h = ADAPTERS['hotline-12319']
  t.equal(validateAndNormalize(h, { ...example(h), callTime: '2026-12-05T11:26:33Z' }).input.receivedAt, '2026-12-05T19:26:33+08:00')
})

t.test('grid supervisor: 立案 needs its time, an unregistered case has no time or unit', async (t) => {
  const a = ADAPTERS['grid-supervisor']
  const { registeredAt: _r, ...noTime } = example(a)
  t.ok(pointersOf(a, noTime).includes('/registeredAt'))
  t.ok(pointersOf(a, { ...example(a, 1), unit: '南岗区环卫处' }).includes('/unit'))
  t.ok(pointersOf(a, { ...example(a, 1), registeredAt: 1776235600000 }).includes('/registeredAt'))
  const early = { ...example(a), registeredAt: example(a).reportedAt - 1000 }
  t.same(payloadIssues(a, early), [])
  const err = t.throws(() => validateAndNormalize(a, early)) as AdapterError
  t.same(err.issues.map((i) => i.pointer), ['/registeredAt'])
  t.same(pointersOf(a, { ...example(a), lat: 60.1 }), ['/lat'], 'outside China')
  t.same(pointersOf(a, { ...example(a), gridCode: '2301020030' }), ['/gridCode'])
})

t.test('video patrol: camera codes are 20-digit GB/T 28181 codes, event types a closed list', async (t) => {
  const a = ADAPTERS['video-patrol']
  t.same(pointersOf(a, { ...example(a), cameraId: '2301020000131000001' }), ['/cameraId'])
  t.same(pointersOf(a, { ...example(a), eventType: '吵架' }), ['/eventType'])
  t.same(pointersOf(a, { ...example(a), snapshotUrl: 'not a url' }), ['/snapshotUrl'])
  t.same(pointersOf(a, { ...example(a), confidence: 1.2 }), ['/confidence'])
})

t.test('disclosure request: applicant type decides the identity field, delivery method the contact', async (t) => {
  const a = ADAPTERS['disclosure-request']
  t.ok(pointersOf(a, { ...example(a), orgCode: '91120105MA05T3KQ8C' }).includes('/orgCode'), '自然人 with a credit code')
  t.ok(pointersOf(a, { ...example(a, 1), idNumber: '120102199501010079' }).includes('/idNumber'), 'a firm with an ID number')
  const { address: _a, ...noAddress } = example(a)
  t.ok(pointersOf(a, noAddress).includes('/address'), '邮寄 needs an address')
  const { email: _e, ...noEmail } = example(a, 1)
  t.ok(pointersOf(a, noEmail).includes('/email'), '电子邮件 needs an e-mail')
  t.same(pointersOf(a, { ...noAddress, deliveryMethod: '自行领取' }), [], 'collecting in person needs neither')
  t.ok(pointersOf(a, { ...example(a), applicantType: '个人' }).includes('/applicantType'))
  t.same(pointersOf(a, { ...example(a), receivedDate: '2026-03-16 09:00' }), ['/receivedDate'])
})

t.test('director mailbox and web message: nested and formatted fields are named precisely', async (t) => {
  const m = ADAPTERS['director-mailbox']
  const bad = example(m)
  bad.writer.email = 'not-an-email'
  t.same(pointersOf(m, bad), ['/writer/email'])
  const extra = example(m)
  extra.writer.wechat = 'wx123'
  t.same(pointersOf(m, extra), ['/writer/wechat'])
  const w = ADAPTERS['web-message']
  t.same(pointersOf(w, { ...example(w), likes: -1 }), ['/likes'])
  t.same(pointersOf(w, { ...example(w), board: '随便' }), ['/board'])
})

t.test('an unknown channel is refused with the list of known ones', async (t) => {
  for (const bad of ['fax', '', '__proto__', 'toString', 'HOTLINE-12345']) {
    const err = t.throws(() => adapterFor(bad)) as AdapterError
    t.ok(err instanceof AdapterError, bad)
    t.equal(err.issues[0]?.pointer, '/channel')
    t.match(err.message, /hotline-12345/)
  }
})
