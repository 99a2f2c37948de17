/**
 * The classifier in both modes (PGlite + log table, PostgreSQL + Kafka):
 * every case received is classified once and its tags reach the case in
 * intake; redelivering every event (offsets reset) changes nothing; a
 * poison event goes to case.received.v1.dlq and the cases after it are still
 * classified; a duty officer's correction reaches the case.
 */
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { TOPICS } from '@hotline-hub/contracts'
import { modes, type Mode } from '../support/infra.ts'
import { buildHubApp, type HubApp } from '../support/hub-app.ts'
import { deadLetters } from '../support/dead-letters.ts'

const CASES = [
  { content: '小区楼道燃气味很重，怀疑泄漏，请马上派人来', urgency: '紧急' },
  { content: '家里暖气片冰凉，已经三天不供暖了，老人孩子受不了', urgency: '加急' },
  { content: '请问今年的供暖费什么时候开始缴纳，可以网上交吗？', urgency: '一般' },
  { content: '学校门口早晚高峰堵车严重，建议增设红绿灯', urgency: '一般' },
]

async function createCase(app: HubApp, content: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: app.as('operator'),
    payload: { channel: 'hotline-12345', content, receivedAt: new Date(Date.now() - 60_000).toISOString(), caller: { phone: '13812345678' }, location: { district: '南岗区' } },
  })
  if (res.statusCode !== 201) throw new Error(`case refused: ${res.body}`)
  return res.json().id
}

const caseView = async (app: HubApp, id: string) => (await app.inject({ url: `/api/v1/cases/${id}`, headers: app.as('duty_officer') })).json()

async function classifiedEvents(app: HubApp): Promise<Map<string, number>> {
  const rows = await app.runtime.db.query<{ key: string; n: string | number }>(
    'SELECT key, count(*) AS n FROM bus.outbox WHERE topic = $1 GROUP BY key',
    [TOPICS.caseClassified],
  )
  return new Map(rows.map((r) => [r.key, Number(r.n)]))
}

/** Every event of case.received.v1 will be delivered to the classifier again. */
async function rewindClassifier(mode: Mode, app: HubApp): Promise<void> {
  if (!mode.env.KAFKA_BROKERS) {
    await app.runtime.db.query(`UPDATE bus.consumer_positions SET position = 0 WHERE group_name = 'classifier'`)
    return
  }
  const admin = new Kafka({ clientId: 'rewind', brokers: mode.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.resetOffsets({ groupId: `${mode.env.KAFKA_TOPIC_PREFIX}classifier`, topic: `${mode.env.KAFKA_TOPIC_PREFIX}${TOPICS.caseReceived}`, earliest: true })
  } finally {
    await admin.disconnect()
  }
}

/** A case.received.v1 event that no schema accepts, written straight into the outbox (as a broken producer would). */
async function injectPoison(app: HubApp): Promise<string> {
  const id = randomUUID()
  const envelope = { id, type: 'case.received', version: 1, occurredAt: new Date().toISOString(), source: 'broken-producer', caseId: 'HH-POISON', data: { case: { id: 'HH-POISON' } } }
  await app.runtime.db.query('INSERT INTO bus.outbox (topic, key, event_id, envelope) VALUES ($1, $2, $3, $4::jsonb)', [TOPICS.caseReceived, 'HH-POISON', id, JSON.stringify(envelope)])
  return id
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    const app = await buildHubApp(t, mode)

    const ids: string[] = []
    for (const c of CASES) ids.push(await createCase(app, c.content))

    t.test('each case is classified and the tags reach the case', async (t) => {
      for (const [i, id] of ids.entries()) {
        const view = await app.until(`the classification of ${id}`, async () => {
          const v = await caseView(app, id)
          return v.classification ? v : undefined
        })
        t.equal(view.classification.urgency.value, CASES[i]!.urgency, `${CASES[i]!.content}: ${JSON.stringify(view.classification.urgency)}`)
        t.ok(view.classification.urgency.because.length > 0, 'the urgency says why')
        t.ok(view.classification.topic.because.length > 0, 'the topic says why')
        t.match(view.classification.modelVersion, /^\d{8}-[0-9a-f]{10}\+r[0-9a-f]+\+g[0-9a-f]+(\+u[0-9a-f]{10})?$/)
        t.equal(view.urgency, CASES[i]!.urgency, 'the case column is filled from the tag')
      }
      const gas = (await caseView(app, ids[0]!)).classification
      t.ok(gas.subtopics.some((s: { value: string }) => s.value === '燃气泄漏'), 'the hazard is a subtopic, for the emergency rules')
      t.same([...(await classifiedEvents(app)).entries()].sort(), ids.map((id) => [id, 1]).sort(), 'one case.classified.v1 per case')
    })

    t.test('a poison event goes to the dead-letter topic and the next cases are still classified', async (t) => {
      await injectPoison(app)
      const after = await createCase(app, '路灯坏了一个月了，晚上很黑')
      await app.until('the case after the poison', async () => ((await caseView(app, after)).classification ? true : undefined))
      // Every consumer of case.received.v1 (intake's webhooks, the classifier, escalation) gives up on it on its own.
      const letters = await app.until('the classifier’s dead letter', async () => {
        const l = (await deadLetters(mode, app.runtime.db, TOPICS.caseReceived)).filter((d) => d.group === 'classifier')
        return l.length > 0 ? l : undefined
      })
      t.same(letters.map((l) => l.key), ['HH-POISON'])
      t.match(letters[0]!.error, /content|required|must have/i, 'the dead letter carries the error')
      ids.push(after)
    })

    t.test('every event delivered again: nothing is classified twice', async (t) => {
      const classifier = app.runtime.services.find((s) => s.name === 'classifier')!
      await classifier.stop()
      await rewindClassifier(mode, app)
      const before = await app.runtime.db.query<{ n: string | number }>('SELECT count(*) AS n FROM classifier.processed_events')
      await classifier.start()
      // The rewound consumer reads everything again; a new case behind the old ones shows it got through.
      const probe = await createCase(app, '噪音扰民，楼上每天半夜装修')
      await app.until('the probe case', async () => ((await caseView(app, probe)).classification ? true : undefined))
      const events = await classifiedEvents(app)
      t.same([...events.entries()].sort(), [...ids, probe].map((id) => [id, 1]).sort(), 'still one case.classified.v1 per case')
      const [rows] = await app.runtime.db.query<{ n: string | number }>('SELECT count(*) AS n FROM classifier.classifications')
      t.equal(Number(rows!.n), ids.length + 1)
      const after = await app.runtime.db.query<{ n: string | number }>('SELECT count(*) AS n FROM classifier.processed_events')
      t.equal(Number(after[0]!.n), Number(before[0]!.n) + 1, 'only the probe was newly applied')
    })

    t.test('a duty officer corrects a tag: the case shows it, and training will use it', async (t) => {
      const id = ids[3]!
      const res = await app.inject({ method: 'POST', url: '/api/v1/corrections', headers: app.as('duty_officer'), payload: { caseId: id, tag: 'topic', value: '交通运输', reason: '属于交通设施' } })
      t.equal(res.statusCode, 201, res.body)
      t.equal(res.json().to, '交通运输')
      const view = await app.until('the corrected case', async () => {
        const v = await caseView(app, id)
        return v.classification?.override ? v : undefined
      })
      t.equal(view.topic, '交通运输')
      t.same(view.classification.override.tags, ['topic'])
      t.match(view.classification.topic.because, ['人工改判 (duty_officer)', '属于交通设施'])
      const feedback = await app.inject({ url: '/api/v1/corrections/feedback.jsonl', headers: app.as('admin') })
      t.equal(feedback.statusCode, 200)
      const lines = feedback.body.trim().split('\n').map((l) => JSON.parse(l))
      t.same(lines.map((l) => [l.label, l.caseId]), [['交通运输', id]])
      t.match(lines[0].text, /红绿灯/)
    })
  })
}
