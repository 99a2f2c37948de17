import t from 'tap'
import { cpSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_RULES_DIR } from '../src/rules/index.ts'
import { TOPIC_LABELS } from '../src/topic/labels.ts'
import { buildClassifier } from './helper.ts'

// A copy of the shipped rules, so that the reload test can break them.
const rulesDir = mkdtempSync(path.join(tmpdir(), 'hh-rules-'))
cpSync(DEFAULT_RULES_DIR, rulesDir, { recursive: true })
t.teardown(() => rmSync(rulesDir, { recursive: true, force: true }))

const app = await buildClassifier(t, { CLASSIFIER_RULES_DIR: rulesDir })
const classify = (payload: unknown, role = 'operator') =>
  app.inject({ method: 'POST', url: '/api/v1/classify', headers: app.as(role as never), payload: payload as object })

t.test('a gas smell is 紧急, with the words that fired and the model version', async (t) => {
  const res = await classify({ text: '小区楼道燃气味很重，怀疑泄漏', district: '道里区' })
  t.equal(res.statusCode, 200, res.body)
  const c = res.json()
  t.equal(c.urgency.value, '紧急')
  t.ok(c.urgency.because.some((w: string) => /燃气味|泄漏/.test(w)), `because: ${c.urgency.because}`)
  t.ok(c.subtopics.some((s: { value: string }) => s.value === '燃气泄漏'))
  t.ok((TOPIC_LABELS as readonly string[]).includes(c.topic.value), `a first-level topic: ${c.topic.value}`)
  t.ok(c.topic.because.length > 0)
  t.match(c.modelVersion, /\+r[0-9a-f]+\+g[0-9a-f]+\+u[0-9a-f]{10}$/)
  t.equal(c.location.district, '道里区', 'the district the operator typed is kept')
  t.equal(c.topicRanking.length, 3, 'the operator sees the alternatives')
})

t.test('odd text gets a defined answer, never an error', async (t) => {
  const odd = {
    empty: '',
    blank: '   \n\t ',
    punctuation: '？？？！！！……',
    long: '路灯不亮'.repeat(12_500),
    traditional: '社區樓道煤氣味很重，懷疑洩漏',
    english: 'There is a strong gas smell in my building',
    pinyin: 'xiaoqu tingshui le',
  }
  for (const [name, text] of Object.entries(odd)) {
    const res = await classify({ text })
    t.equal(res.statusCode, 200, `${name}: ${res.body.slice(0, 200)}`)
    const c = res.json()
    t.ok(['紧急', '加急', '一般'].includes(c.urgency.value), `${name}: urgency ${c.urgency.value}`)
    t.ok(c.topic.value, `${name}: a topic`)
  }
  t.equal((await classify({ text: odd.empty })).json().urgency.value, '一般')
  t.equal((await classify({ text: odd.traditional })).json().urgency.value, '紧急', 'traditional text is simplified first')
})

t.test('bad requests are problems with a code and the field', async (t) => {
  const wrongType = await classify({ text: 12345 })
  t.equal(wrongType.statusCode, 400)
  t.match(wrongType.headers['content-type'], /^application\/problem\+json/)
  t.equal(wrongType.json().code, 'CLASSIFIER_ERR_VALIDATION')
  t.equal(wrongType.json().pointer, '/text')
  const malformed = await app.inject({ method: 'POST', url: '/api/v1/classify', headers: { ...app.as('operator'), 'content-type': 'application/json' }, payload: '{"text": ' })
  t.equal(malformed.json().code, 'CLASSIFIER_ERR_MALFORMED_JSON')
  const unknown = await classify({ txt: '路灯' })
  t.equal(unknown.json().pointer, '/txt')
})

t.test('roles: no token 401, a wrong role 403, intake asked once per token', async (t) => {
  const anonymous = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { text: '路灯' } })
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().code, 'CLASSIFIER_ERR_UNAUTHENTICATED')
  const stranger = await app.inject({ method: 'POST', url: '/api/v1/classify', headers: { authorization: 'Bearer nobody' }, payload: { text: '路灯' } })
  t.equal(stranger.statusCode, 401)
  const integrator = await app.inject({ method: 'POST', url: '/api/v1/corrections', headers: app.as('integrator'), payload: { text: '路灯', tag: 'topic', value: '城乡建设' } })
  t.equal(integrator.statusCode, 403)
  t.equal(integrator.json().code, 'CLASSIFIER_ERR_FORBIDDEN_ROLE')
  const before = app.introspections()
  for (let i = 0; i < 3; i++) await classify({ text: '路灯' }, 'leader')
  t.equal(app.introspections() - before, 1, 'the answer is cached')
})

t.test('corrections: checked, stored, exported as training feedback', async (t) => {
  const bad = await app.inject({ method: 'POST', url: '/api/v1/corrections', headers: app.as('duty_officer'), payload: { text: '路灯坏了', tag: 'urgency', value: '特急' } })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'CLASSIFIER_ERR_INVALID_TAG_VALUE')
  t.equal(bad.json().pointer, '/value')
  const noText = await app.inject({ method: 'POST', url: '/api/v1/corrections', headers: app.as('duty_officer'), payload: { caseId: 'HH-NOT-YET', tag: 'topic', value: '环境保护' } })
  t.equal(noText.json().code, 'CLASSIFIER_ERR_TEXT_REQUIRED')
  const [none] = await app.runtime.db.query<{ n: string }>('SELECT count(*)::text AS n FROM classifier.corrections')
  t.equal(none!.n, '0', 'refused corrections wrote nothing')

  const ok = await app.inject({ method: 'POST', url: '/api/v1/corrections', headers: app.as('duty_officer'), payload: { text: '河边有人偷倒建筑垃圾', tag: 'topic', value: '环境保护', reason: '倾倒垃圾污染河道' } })
  t.equal(ok.statusCode, 201, ok.body)
  t.match(ok.json(), { tag: 'topic', to: '环境保护', role: 'duty_officer', by: 'user:duty_officer' })
  const list = (await app.inject({ url: '/api/v1/corrections?tag=topic', headers: app.as('leader') })).json()
  t.equal(list.items.length, 1)
  const feedback = await app.inject({ url: '/api/v1/corrections/feedback.jsonl', headers: app.as('admin') })
  t.match(feedback.headers['content-type'], /application\/x-ndjson/)
  t.same(feedback.body.trim().split('\n').map((l) => JSON.parse(l)).map((l) => [l.text, l.label]), [['河边有人偷倒建筑垃圾', '环境保护']])
  t.equal((await app.inject({ url: '/api/v1/corrections/feedback.jsonl', headers: app.as('leader') })).statusCode, 403)
})

t.test('a bad rule file is refused on reload with its line, and the old rules stay', async (t) => {
  const version = (await classify({ text: '路灯' })).json().modelVersion
  const file = readdirSync(rulesDir).find((f) => f.endsWith('.yaml'))!
  writeFileSync(path.join(rulesDir, file), 'version: [\n')
  const refused = await app.inject({ method: 'POST', url: '/api/v1/classifier/reload', headers: app.as('admin') })
  t.equal(refused.statusCode, 422)
  t.equal(refused.json().code, 'CLASSIFIER_ERR_RELOAD_REFUSED')
  t.match(refused.json().detail, new RegExp(`${file}:\\d+:\\d+: `))
  const still = (await classify({ text: '小区楼道燃气味很重，怀疑泄漏' })).json()
  t.equal(still.modelVersion, version, 'the rules in force are unchanged')
  t.equal(still.urgency.value, '紧急')
  t.equal((await app.inject({ method: 'POST', url: '/api/v1/classifier/reload', headers: app.as('operator') })).statusCode, 403)
})
