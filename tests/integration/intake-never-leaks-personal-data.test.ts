/**
 * No raw phone number, ID number or full name of a caller leaves intake in
 * the clear: not in a log line (LOG_LEVEL=debug, every request logged), not
 * in an event (outbox envelope and headers; on Kafka too in distributed
 * mode), not in a list, search, read or hint answer, not in the tables
 * outside the ciphertext. The hub runs as a real process; cases come in
 * through the canonical API and every channel's own payload, with the
 * caller's values repeated in the free text in several formats; they go
 * through the lifecycle. The audited raw read does return the values, which
 * shows the scan would find them if they leaked.
 */
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { openDb } from '@hotline-hub/db'
import { CHANNELS } from '@hotline-hub/contracts'
import { modes } from '../support/infra.ts'
import { spawnTs } from '../support/spawn.ts'
import { listeningUrl } from '../support/http.ts'
import { jsonClient, type JsonClient, type JsonResponse } from '../support/json-client.ts'
import { findLeaks, patternsFor, residentId, type Leak, type Person } from '../support/personal-data-scan.ts'
import { ADAPTERS, validateAndNormalize } from '../../services/intake/src/adapters/index.ts'

const PASSWORD = 'leak-test-password-0001'
const DEPARTMENT = '市城管局'

/** People of the canonical cases: rare names, valid numbers. */
const ZHUGE: Person & Required<Pick<Person, 'name' | 'phone' | 'idNumber'>> = { label: 'zhuge', name: '诸葛青云', phone: '13987654321', idNumber: residentId('11010519800307123') }
const SHANGGUAN: Person & Required<Pick<Person, 'name' | 'phone' | 'idNumber'>> = { label: 'shangguan', name: '上官婉清', phone: '15912348765', idNumber: residentId('23010219750612456') }
const MURONG: Person & Required<Pick<Person, 'name' | 'phone' | 'idNumber'>> = { label: 'murong', name: '慕容雪村', phone: '18645671234', idNumber: residentId('23010319900101456') }

/** Sets the value at a JSON pointer of a plain object. */
function setAt(doc: any, pointer: string, value: unknown): void {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  let at = doc
  for (const p of parts.slice(0, -1)) at = at[p]
  at[parts[parts.length - 1]!] = value
}
function getAt(doc: any, pointer: string): unknown {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((at, p) => at?.[p], doc)
}

function formatted(phone: string, style: number): string {
  const d = phone.replace(/\D/g, '')
  if (d.length !== 11) return phone
  return [`${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`, `+86 ${d}`, `${d.slice(0, 3)}.${d.slice(3, 7)}.${d.slice(7)}`, d][style % 5]!
}

/** A sentence that repeats a caller's own values, as callers do in free text. */
function mention(p: Person, style: number): string {
  const bits = []
  if (p.name) bits.push(`我是${p.name}`)
  if (p.phone) bits.push(`回电请打${formatted(p.phone, style)}`)
  if (p.idNumber) bits.push(`身份证号${style % 2 ? p.idNumber.toLowerCase() : p.idNumber}`)
  return bits.length ? `（${bits.join('，')}）` : ''
}

/** Strips the one-time admin credential block that the first start prints on stdout. */
function withoutCredentialBlock(stdout: string): string {
  return stdout.replace(/\n?首次启动：已创建管理员账号[\s\S]*?请登录后创建各角色用户[^\n]*\n/, '\n')
}

for (const m of await modes()) {
  t.test(`${m.name}: no raw personal data in logs, events or answers`, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    const env: Record<string, string> = { ...mode.env, PORT: '0', LOG_LEVEL: 'debug' }
    if (mode.env.DATABASE_URL) {
      env.PII_ENCRYPTION_KEY = randomBytes(32).toString('base64')
      env.PII_HASH_KEY = randomBytes(32).toString('base64')
    }
    const hub = spawnTs('services/hub/src/main.ts', env)
    t.teardown(() => {
      if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL')
    })
    const base = await listeningUrl(hub, 120_000)
    const password = (await hub.waitFor(/password: (\S+)/))[1]!
    const client: JsonClient = jsonClient(base, 8)
    t.teardown(() => client.close())

    /** Every answer read from the API, to scan, except the audited raw reads. */
    const answers: { where: string; res: JsonResponse }[] = []
    const call = async (method: string, path: string, token: string, body?: unknown, expect?: number) => {
      const res = await client.request(method, path, { body, headers: { authorization: `Bearer ${token}` } })
      answers.push({ where: `${method} ${path}`, res })
      if (expect !== undefined && res.status !== expect) t.fail(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`)
      return res
    }

    // Access: the admin from the one-time password, then one user per role and an integrator key.
    const login = async (username: string, pw: string) => {
      const res = await client.post('/api/v1/auth/login', { username, password: pw })
      t.equal(res.status, 200, `${username} signs in`)
      return res.body.token as string
    }
    const admin = await login('admin', password)
    const tokens: Record<string, string> = {}
    for (const role of ['operator', 'department', 'leader', 'duty_officer'] as const) {
      await call('POST', '/api/v1/users', admin, { username: `leak-${role}`, password: PASSWORD, role, ...(role === 'department' ? { department: DEPARTMENT } : {}) }, 201)
      tokens[role] = await login(`leak-${role}`, PASSWORD)
    }
    const keyRes = await call('POST', '/api/v1/api-keys', admin, { name: 'leak test integrator', channels: [...CHANNELS], ratePerMin: 100_000 }, 201)
    const integrator = keyRes.body.key as string

    // Cases: canonical (operator, integrator) and one per channel in its own payload.
    const people: Person[] = [ZHUGE, SHANGGUAN, MURONG]
    const caseIds: string[] = []
    const canonical = [
      { who: tokens.operator!, p: ZHUGE, style: 0, title: `${ZHUGE.name}反映楼道燃气味` },
      { who: integrator, p: SHANGGUAN, style: 1, title: undefined },
      { who: tokens.operator!, p: MURONG, style: 3, title: `市民来电 ${formatted(MURONG.phone, 2)}` },
    ]
    for (const [i, c] of canonical.entries()) {
      const res = await call('POST', '/api/v1/cases', c.who, {
        channel: i === 1 ? 'web-message' : 'hotline-12345',
        externalId: `leak-${i}-${randomBytes(3).toString('hex')}`,
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        ...(c.title ? { title: c.title } : {}),
        content: `小区楼道燃气味很重，怀疑泄漏${mention(c.p, c.style)}，另一个号码${formatted(c.p.phone!, c.style + 1)}。`,
        caller: { name: c.p.name, phone: formatted(c.p.phone!, c.style === 3 ? 1 : c.style), idNumber: c.p.idNumber },
        location: { district: '道里区', street: '新阳路街道', address: '道里区新阳路街道安静小区3栋2单元501' },
      }, 201)
      caseIds.push(res.body.id)
    }
    let style = 0
    for (const adapter of Object.values(ADAPTERS)) {
      const payload = structuredClone(adapter.examples[0]!.payload) as Record<string, unknown>
      const { input, pointers } = validateAndNormalize(adapter, payload)
      const person: Person = { label: `${adapter.channel} example`, name: input.caller.name, phone: input.caller.phone, idNumber: input.caller.idNumber }
      if (person.name || person.phone || person.idNumber) people.push(person)
      if (pointers.content) setAt(payload, pointers.content, `${String(getAt(payload, pointers.content)).trim()}${mention(person, style++)}`)
      const res = await call('POST', `/api/v1/channels/${adapter.channel}/cases`, integrator, payload)
      t.equal(res.status, 201, `${adapter.channel}: created (${res.status === 201 ? res.body.id : res.text.slice(0, 300)})`)
      if (res.status === 201) caseIds.push(res.body.id)
    }
    t.ok(people.filter((p) => p.phone).length >= 6, `${people.length} people with raw values to look for`)

    // Lifecycle: the full loop on one case, a dispute and supervision on another.
    const [first, second] = caseIds as [string, string]
    const cmd = (id: string, command: string, token: string, body: Record<string, unknown> = {}) => call('POST', `/api/v1/cases/${id}/${command}`, token, body, 200)
    await cmd(first, 'dispatch', tokens.operator!, { department: DEPARTMENT, reason: `请联系来电人 ${formatted(ZHUGE.phone, 1)}` })
    await cmd(first, 'accept', tokens.department!)
    await cmd(first, 'reply', tokens.department!, { reply: `已电话联系（${formatted(ZHUGE.phone, 2)}），核对身份证${ZHUGE.idNumber}后上门检修，燃气管道已更换。` })
    await cmd(first, 'close', tokens.department!)
    await cmd(first, 'follow-up', tokens.operator!, { satisfaction: '满意', solved: true, reason: `回访号码${ZHUGE.phone}` })
    await cmd(second, 'dispatch', tokens.operator!, { department: DEPARTMENT })
    await cmd(second, 'return', tokens.department!, { reason: `不属本单位职责，来电人${formatted(SHANGGUAN.phone, 0)}已告知` })
    await cmd(second, 'dispatch', tokens.duty_officer!, { department: DEPARTMENT })
    await cmd(second, 'urge', tokens.leader!, { reason: `督办：身份证 ${SHANGGUAN.idNumber} 的来电人多次反映` })

    // Reads: lists for every role, search, each case, duplicate hints.
    for (const [who, token] of [['operator', tokens.operator!], ['leader', tokens.leader!], ['department', tokens.department!], ['integrator', integrator], ['admin', admin]] as const) {
      const list = await call('GET', '/api/v1/cases?limit=200', token, undefined, 200)
      if (who === 'operator') t.equal(list.body.items.length, caseIds.length, 'the operator lists every case')
    }
    const search = await call('GET', `/api/v1/cases?q=${encodeURIComponent('燃气')}`, tokens.operator!, undefined, 200)
    t.ok(search.body.items.length >= 3, 'search finds cases')
    await call('GET', `/api/v1/cases?channel=hotline-12345&status=followed_up`, tokens.leader!, undefined, 200)
    for (const id of caseIds) await call('GET', `/api/v1/cases/${id}`, tokens.operator!, undefined, 200)
    await call('GET', `/api/v1/cases/${first}`, tokens.department!, undefined, 200)
    const hints = await call('POST', '/api/v1/cases/hints', tokens.operator!, { phone: formatted(MURONG.phone, 1), district: '道里区', street: '新阳路街道', content: `楼道燃气味很重${mention(MURONG, 0)}` }, 200)
    t.ok(hints.body.sameCaller.length >= 1, 'hints find the caller by the phone hash')

    // The audited raw read returns the raw values: the scan would see them if they leaked.
    const patterns = patternsFor(people)
    const raw = await client.get(`/api/v1/cases/${first}/caller?reason=${encodeURIComponent('回电核实')}`, { authorization: `Bearer ${tokens.operator}` })
    t.equal(raw.status, 200)
    t.equal(raw.body.name, ZHUGE.name)
    t.equal(raw.body.idNumber, ZHUGE.idNumber)
    t.match(raw.body.content, ZHUGE.name, 'the raw text, as the caller gave it, is kept encrypted and readable here')
    const rawHits = new Set(findLeaks('raw read', raw.text, patterns).map((l) => `${l.person}:${l.field}`))
    t.same([...rawHits].filter((h) => h.startsWith('zhuge:')).sort(), ['zhuge:idNumber', 'zhuge:name', 'zhuge:phone'], 'the scan finds every raw value in the raw read')

    // The relay runs in the hub: let it send every row (and the consumers finish what they started)
    // before it stops, so that Kafka holds every outbox row for the scan below.
    if (mode.env.KAFKA_BROKERS) await untilRelayed(mode.env.DATABASE_URL!)
    hub.child.kill('SIGTERM')
    t.equal((await hub.exited).code, 0, 'the hub stops cleanly')

    const leaks: Leak[] = []
    for (const a of answers) leaks.push(...findLeaks(`answer of ${a.where}`, a.res.text, patterns))

    // Logs: every line but the one-time credential block.
    const logText = `${withoutCredentialBlock(hub.stdout())}\n${hub.stderr()}`
    const lines = logText.split('\n').filter((l) => l.trim())
    t.ok(lines.filter((l) => l.includes('"incoming request"')).length >= answers.length, `every request is logged (${lines.length} log lines)`)
    lines.forEach((line, i) => leaks.push(...findLeaks(`log line ${i + 1}`, line, patterns)))

    // Events and tables: the outbox (envelope and headers) and intake's own tables outside the ciphertext.
    const db = await openDb(mode.env.DATABASE_URL ? { url: mode.env.DATABASE_URL } : { dataDir: mode.env.DATA_DIR! })
    try {
      const outbox = await db.query<{ seq: string; topic: string; key: string; envelope: unknown; headers: unknown }>('SELECT seq, topic, key, envelope, headers FROM bus.outbox ORDER BY seq')
      const topics = outbox.reduce<Record<string, number>>((n, r) => ({ ...n, [r.topic]: (n[r.topic] ?? 0) + 1 }), {})
      t.ok((topics['case.received.v1'] ?? 0) >= caseIds.length, `one case.received.v1 per case (${JSON.stringify(topics)})`)
      t.ok((topics['case.lifecycle.v1'] ?? 0) >= 9, 'the lifecycle events are there')
      for (const r of outbox) leaks.push(...findLeaks(`outbox ${r.topic} #${r.seq}`, JSON.stringify([r.key, r.envelope, r.headers]), patterns))
      const cases = await db.query<Record<string, unknown>>('SELECT * FROM intake.cases')
      for (const c of cases) {
        if (c.caller_name_masked || c.caller_phone_masked || c.caller_id_masked || c.address_masked)
          t.ok(c.pii_ciphertext, `case ${String(c.id)} keeps its raw values encrypted`)
        const { pii_ciphertext: _cipher, ...clear } = c
        leaks.push(...findLeaks(`intake.cases ${String(c.id)}`, JSON.stringify(clear), patterns))
      }
      for (const table of ['case_events', 'idempotency_keys', 'audit_log']) {
        const rows = await db.query(`SELECT * FROM intake.${table}`)
        leaks.push(...findLeaks(`intake.${table}`, JSON.stringify(rows), patterns))
      }
      const audit = await db.query<{ action: string; case_id: string }>(`SELECT action, case_id FROM intake.audit_log`)
      t.same(audit, [{ action: 'read_raw_caller', case_id: first }], 'the raw read is audited')

      if (mode.env.KAFKA_BROKERS) {
        // Every row was published before the hub stopped (untilRelayed).
        const published = outbox.length
        const messages = await consumeAll(mode.env.KAFKA_BROKERS.split(','), mode.env.KAFKA_TOPIC_PREFIX!, [...new Set(outbox.map((r) => r.topic))], published)
        t.equal(messages.length, published, `every outbox row was read back from Kafka (${messages.length})`)
        for (const msg of messages) leaks.push(...findLeaks(`kafka ${msg.topic}@${msg.partition}:${msg.offset}`, msg.text, patterns))
      }
    } finally {
      await db.close()
    }

    t.same(leaks.slice(0, 20), [], `no raw personal data anywhere (${leaks.length} hits)`)
  })
}

/** Reads every message of the prefixed topics from the beginning until `expected` have arrived. */
/** Resolves once the outbox has been fully published and has not grown for a second (at most 90 s). */
async function untilRelayed(url: string): Promise<void> {
  const db = await openDb({ url })
  try {
    let last = ''
    let steadySince = Date.now()
    const deadline = Date.now() + 90_000
    while (Date.now() < deadline) {
      const [row] = await db.query<{ total: string; pending: string }>('SELECT count(*)::text AS total, count(*) FILTER (WHERE published_at IS NULL)::text AS pending FROM bus.outbox')
      const now = `${row!.total}/${row!.pending}`
      if (now !== last) {
        last = now
        steadySince = Date.now()
      } else if (row!.pending === '0' && Date.now() - steadySince >= 1000) return
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    await db.close()
  }
}

/** Reads every message of the outbox's topics from the beginning (the topics by name: a pattern subscription may miss one under load). */
async function consumeAll(brokers: string[], prefix: string, topics: string[], expected: number) {
  const kafka = new Kafka({ clientId: 'leak-scan', brokers, logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `${prefix}leak-scan-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 })
  const out: { topic: string; partition: number; offset: string; text: string }[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: topics.map((topic) => `${prefix}${topic}`), fromBeginning: true })
    let done!: () => void
    const all = new Promise<void>((resolve) => (done = resolve))
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]))
        out.push({ topic, partition, offset: message.offset, text: JSON.stringify([message.key?.toString(), message.value?.toString(), headers]) })
        if (out.length >= expected) done()
      },
    })
    let timer: NodeJS.Timeout | undefined
    await Promise.race([all, new Promise((r) => (timer = setTimeout(r, 60_000)))])
    clearTimeout(timer)
  } finally {
    await consumer.disconnect()
  }
  return out
}
