import t from 'tap'
import { ADAPTERS, payloadIssues, validateAndNormalize } from '../src/adapters/index.ts'
import type { ChannelAdapter } from '../src/adapters/types.ts'
import { clone } from './adapter-test-helpers.ts'

const example = (adapter: ChannelAdapter, i = 0) => clone(adapter.examples[i]!.payload) as Record<string, any>
const run = (adapter: ChannelAdapter, payload: unknown) => validateAndNormalize(adapter, payload)

t.test('12345: 诉求类型 and 紧急程度 codes map to the vocabulary', async (t) => {
  const a = ADAPTERS['hotline-12345']
  const codes = { '01': '咨询', '02': '求助', '03': '投诉', '04': '举报', '05': '建议', '06': '表扬' }
  for (const [code, type] of Object.entries(codes)) t.equal(run(a, { ...example(a), sqlx: code }).input.appealType, type)
  t.notOk('appealType' in run(a, { ...example(a), sqlx: '99' }).input, '99 其他 leaves the type to the classifier')
  t.equal(run(a, { ...example(a), jjcd: '1' }).input.urgency, '紧急')
  t.equal(run(a, { ...example(a), jjcd: '2' }).input.urgency, '加急')
  t.equal(run(a, { ...example(a), jjcd: '3' }).input.urgency, '一般')
  const { jjcd: _j, ...noUrgency } = example(a)
  t.notOk('urgency' in run(a, noUrgency).input, 'no urgency when the channel does not say')
})

t.test('12345: unknown codes are refused', async (t) => {
  const a = ADAPTERS['hotline-12345']
  t.ok(payloadIssues(a, { ...example(a), sqlx: '07' }).some((i) => i.pointer === '/sqlx'))
  t.ok(payloadIssues(a, { ...example(a), jjcd: '4' }).some((i) => i.pointer === '/jjcd'))
})

t.test('12345: an anonymous caller has no name, ID numbers are upper-cased, flags land in extra', async (t) => {
  const a = ADAPTERS['hotline-12345']
  const anon = run(a, example(a, 1))
  t.notOk('name' in anon.input.caller)
  t.notOk('caller.name' in anon.pointers)
  t.same(anon.input.extra, { resolvedOnCall: true })
  const lower = run(a, { ...example(a, 2), sfzh: '12010519880715001x' })
  t.equal(lower.input.caller.idNumber, '12010519880715001X')
  t.same(lower.input.extra, { confidential: true })
  t.equal(lower.input.department, '红桥区城市管理委员会')
})

t.test('12319: categories, priorities and service lines map to the vocabulary', async (t) => {
  const a = ADAPTERS['hotline-12319']
  const first = run(a, example(a)).input
  t.equal(first.appealType, '求助')
  t.equal(first.urgency, '加急', 'outage → 加急 (水电气热)')
  t.equal(first.topic, '供热')
  t.same(first.extra, { seatNo: '27' })
  t.equal(run(a, { ...example(a), priority: 'urgent' }).input.urgency, '紧急')
  t.equal(run(a, { ...example(a), priority: 'normal' }).input.urgency, '一般')
  t.equal(run(a, { ...example(a), category: 'report' }).input.appealType, '举报')
  t.equal(run(a, example(a, 1)).input.department, '朝阳区市政设施管理处')
})

t.test('mayor line: 问题类别 is already Chinese, 是否紧急 maps to urgency, 转办单位 to department', async (t) => {
  const a = ADAPTERS['mayor-line']
  const { input } = run(a, example(a))
  t.equal(input.appealType, '投诉')
  t.equal(input.urgency, '一般')
  t.equal(input.department, '道里区城市管理局')
  t.same(input.extra, { deadlineWorkingDays: 10, transferNote: '请核实处理并于时限内答复来电人。' })
  t.equal(run(a, example(a, 1)).input.urgency, '紧急')
  const { SFJJ: _s, ...unflagged } = example(a)
  t.notOk('urgency' in run(a, unflagged).input)
})

t.test('web message: subject becomes the title; the nickname is not carried', async (t) => {
  const a = ADAPTERS['web-message']
  const payload = example(a)
  const { input } = run(a, payload)
  t.equal(input.title, payload.subject)
  t.notOk(JSON.stringify(input).includes(payload.nickname), 'nickname dropped')
  t.same(input.caller, {})
  t.same(input.extra, { board: '百姓呼声', likes: 12, dislikes: 0 })
  t.same(run(a, example(a, 1)).input.caller, { name: '周某某', phone: '13912345678' })
})

t.test('director mailbox: letter type, bureau and 回音壁 consent; e-mail is not carried', async (t) => {
  const a = ADAPTERS['director-mailbox']
  const { input, pointers } = run(a, example(a))
  t.equal(input.appealType, '投诉')
  t.equal(input.department, '哈尔滨市城乡规划局')
  t.same(input.extra, { publishOnEchoWall: true })
  t.notOk(JSON.stringify(input).includes('@'), 'no e-mail address')
  t.equal(pointers['caller.phone'], '/writer/phone')
  const { letterType: _l, ...untyped } = example(a)
  t.notOk('appealType' in run(a, untyped).input)
})

t.test('radio hotline: id from programme, date and call number; complaint by default', async (t) => {
  const a = ADAPTERS['radio-hotline']
  const first = run(a, example(a))
  t.equal(first.input.externalId, 'XFRX-20260310-03')
  t.equal(first.input.appealType, '投诉')
  t.equal(first.input.caller.name, '王先生')
  t.equal(first.input.department, '市物价监督管理局')
  t.match(first.input.extra, { programme: '行风热线', segmentNo: 3, airDate: '2026-03-10' })
  t.equal(run(a, example(a, 1)).input.externalId, 'JFZTC-20260521-01')
  t.equal(run(a, { ...example(a), kind: '建议' }).input.appealType, '建议')
})

t.test('grid supervisor and video patrol: no caller, coordinates kept, facts in extra', async (t) => {
  const grid = run(ADAPTERS['grid-supervisor'], example(ADAPTERS['grid-supervisor'])).input
  t.same(grid.caller, {})
  t.same([grid.location.lat, grid.location.lon], [45.7732, 126.6158])
  t.equal(grid.department, '道里区市政工程管理处')
  t.match(grid.extra, { supervisorId: 'JDY0217', category: '部件', gridCode: '230102003012007', registered: true, registeredAt: '2026-04-15T10:40:12+08:00' })
  const video = run(ADAPTERS['video-patrol'], example(ADAPTERS['video-patrol'])).input
  t.same(video.caller, {})
  t.equal(video.location.address, '靖宇街与某道街交口')
  t.match(video.extra, { cameraId: '23010200001310000017', eventType: '占道经营' })
})

t.test('disclosure request: applicant type and delivery method travel in extra', async (t) => {
  const a = ADAPTERS['disclosure-request']
  const person = run(a, example(a)).input
  t.same(person.extra, { applicantType: '自然人', deliveryMethod: '邮寄', purpose: '了解本户房屋征收补偿依据' })
  t.equal(person.location.address, '天津市河北区某路某号')
  const firm = run(a, example(a, 1)).input
  t.same(firm.extra, { applicantType: '法律服务机构', orgCode: '91120105MA05T3KQ8C', deliveryMethod: '电子邮件' })
  t.same(firm.caller, { name: '天津某某律师事务所', phone: '022-23456789' })
})
