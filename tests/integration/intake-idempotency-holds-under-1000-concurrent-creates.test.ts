/**
 * Idempotency under real concurrency, in both modes: 1,000 creates over
 * real HTTP (a listening server, up to 100 sockets in flight), mixing
 * repeated Idempotency-Key values, repeated (channel, external ticket id)
 * without keys, keys shared by two principals and unique cases. The
 * database ends with exactly the expected cases, history rows and
 * case.received.v1 events; every retry answers what the first request got.
 */
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { modes } from '../support/infra.ts'
import { jsonClient, type JsonResponse } from '../support/json-client.ts'
import { buildIntake, caseBody } from '../../services/intake/test/helper.ts'

type Who = 'operator' | 'allkey'

interface Req {
  group: string
  kind: 'keyed' | 'external' | 'keyed-external' | 'shared-key' | 'unique'
  who: Who
  key?: string
  body: Record<string, unknown>
}

/** Small seeded PRNG (mulberry32) so that a failing order can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(a: T[], random: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

/**
 * The 1,000 requests, in groups whose members go out next to each other (so
 * that they race), groups in a seeded random order:
 * - 150 Idempotency-Keys × 3 identical requests (no external id)  → 150 cases
 * - 150 external ids × 2 requests without a key (operator, then integrator) → 150 cases
 * - 50 (key + external id) × 2 keyed + 1 unkeyed with the same external id → 50 cases
 * - 25 key values used once by the operator and once by the integrator → 50 cases (keys are per principal)
 * - 50 unique cases → 50 cases
 */
function plan(run: string, seed: number): { requests: Req[]; expectedCases: number; expectedKeys: number } {
  const groups: Req[][] = []
  const body = (i: string, over: Record<string, unknown> = {}) =>
    caseBody({ content: `并发受理测试 ${run} ${i}：小区楼道燃气味很重`, receivedAt: new Date(Date.now() - 120_000).toISOString(), ...over })
  for (let i = 0; i < 150; i++) {
    const who: Who = i % 2 ? 'allkey' : 'operator'
    const b = body(`A${i}`)
    groups.push([0, 1, 2].map(() => ({ group: `A${i}`, kind: 'keyed', who, key: `${run}-A-${i}`, body: b })))
  }
  for (let i = 0; i < 150; i++) {
    const b = body(`B${i}`, { externalId: `${run}-B-${i}` })
    groups.push((['operator', 'allkey'] as const).map((who) => ({ group: `B${i}`, kind: 'external', who, body: b })))
  }
  for (let i = 0; i < 50; i++) {
    const b = body(`D${i}`, { externalId: `${run}-D-${i}` })
    groups.push([
      { group: `D${i}`, kind: 'keyed-external', who: 'operator', key: `${run}-D-${i}`, body: b },
      { group: `D${i}`, kind: 'keyed-external', who: 'operator', key: `${run}-D-${i}`, body: b },
      { group: `D${i}`, kind: 'external', who: 'allkey', body: b },
    ])
  }
  for (let i = 0; i < 25; i++) {
    const b = body(`E${i}`)
    groups.push((['operator', 'allkey'] as const).map((who) => ({ group: `E${i}`, kind: 'shared-key', who, key: `${run}-E-${i}`, body: b })))
  }
  for (let i = 0; i < 50; i++) groups.push([{ group: `C${i}`, kind: 'unique', who: i % 2 ? 'allkey' : 'operator', body: body(`C${i}`, { externalId: `${run}-C-${i}` }) }])
  const random = rng(seed)
  for (const g of groups) shuffle(g, random)
  const requests = shuffle(groups, random).flat()
  return { requests, expectedCases: 150 + 150 + 50 + 50 + 50, expectedKeys: 150 + 50 + 25 * 2 }
}

/** Groups by their letter (a group of D mixes keyed and unkeyed requests). */
const KIND_OF_GROUP = { A: 'keyed', B: 'external', D: 'keyed-external', E: 'shared-key', C: 'unique' } as const

/** The case id an answer names. */
const idOf = (r: JsonResponse) => (r.body as { id?: string }).id

for (const m of await modes()) {
  t.test(`${m.name}: 1,000 concurrent creates end with exactly the expected cases and events`, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    const env = mode.env.DATABASE_URL
      ? { ...mode.env, PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64') }
      : mode.env
    const app = await buildIntake(t, env)
    const base = await app.runtime.app.listen({ port: 0, host: '127.0.0.1' })
    const client = jsonClient(base, 100)
    t.teardown(() => client.close())

    const seed = Number(process.env.IDEMPOTENCY_SEED ?? Date.now() % 100_000)
    t.comment(`request order seed ${seed} (IDEMPOTENCY_SEED=${seed} replays it)`)
    const run = randomBytes(3).toString('hex')
    const { requests, expectedCases, expectedKeys } = plan(run, seed)
    t.equal(requests.length, 1000)

    const responses = await Promise.all(
      requests.map((r) =>
        client.post('/api/v1/cases', r.body, app.headers(r.who, r.key ? { 'idempotency-key': r.key } : {})),
      ),
    )

    const unexpected = responses.filter((r) => r.status !== 201 && r.status !== 200)
    t.same(unexpected.map((r) => `${r.status} ${r.text.slice(0, 200)}`), [], 'every answer is 201 or 200')

    const byGroup = new Map<string, { req: Req; res: JsonResponse }[]>()
    requests.forEach((req, i) => {
      const list = byGroup.get(req.group) ?? []
      list.push({ req, res: responses[i]! })
      byGroup.set(req.group, list)
    })

    const problems: string[] = []
    const caseIds = new Set<string>()
    for (const [group, list] of byGroup) {
      const ids = new Set(list.map((x) => idOf(x.res)))
      const replayed = list.filter((x) => x.res.headers['idempotent-replayed'] === 'true')
      list.forEach((x) => caseIds.add(idOf(x.res)!))
      const kind = KIND_OF_GROUP[group[0] as keyof typeof KIND_OF_GROUP]
      if (kind === 'keyed') {
        if (ids.size !== 1) problems.push(`${group}: a key answered ${ids.size} different cases`)
        if (list.some((x) => x.res.status !== 201)) problems.push(`${group}: a keyed create or its replay is not 201`)
        if (replayed.length !== 2) problems.push(`${group}: ${replayed.length} replays, expected 2`)
        const original = list.find((x) => x.res.headers['idempotent-replayed'] !== 'true')
        for (const x of replayed) if (JSON.stringify(sortKeys(x.res.body)) !== JSON.stringify(sortKeys(original?.res.body))) problems.push(`${group}: a replay differs from the original answer`)
      } else if (kind === 'external') {
        if (ids.size !== 1) problems.push(`${group}: one external id gave ${ids.size} cases`)
        const statuses = list.map((x) => x.res.status).sort()
        if (statuses.join() !== '200,201') problems.push(`${group}: statuses ${statuses.join()}, expected one 201 and one 200`)
        if (replayed.length) problems.push(`${group}: a create without a key was marked as a replay`)
      } else if (kind === 'keyed-external') {
        if (ids.size !== 1) problems.push(`${group}: key + external id gave ${ids.size} cases`)
        if (list.filter((x) => x.res.status === 201 && x.res.headers['idempotent-replayed'] !== 'true').length !== 1)
          problems.push(`${group}: not exactly one first-time 201`)
        const keyed = list.filter((x) => x.req.key)
        if (replayed.length !== 1 || !keyed.includes(replayed[0]!)) problems.push(`${group}: expected the second keyed request to be the one replay`)
        if (JSON.stringify(sortKeys(keyed[0]!.res.body)) !== JSON.stringify(sortKeys(keyed[1]!.res.body))) problems.push(`${group}: the keyed replay differs from the keyed original`)
      } else if (kind === 'shared-key') {
        if (ids.size !== 2) problems.push(`${group}: the same key value under two principals gave ${ids.size} cases, expected 2`)
        if (list.some((x) => x.res.status !== 201) || replayed.length) problems.push(`${group}: expected two first-time 201s`)
      } else if (list[0]!.res.status !== 201) problems.push(`${group}: a unique case was not 201`)
    }
    t.same(problems, [], 'every group got the answers idempotency promises')
    t.equal(caseIds.size, expectedCases, `the answers name ${expectedCases} distinct cases`)

    const count = async (sql: string) => Number((await app.runtime.db.query<{ n: string }>(sql))[0]!.n)
    t.equal(await count('SELECT count(*)::text AS n FROM intake.cases'), expectedCases, 'exactly the expected rows in intake.cases')
    t.equal(await count(`SELECT count(*)::text AS n FROM bus.outbox WHERE topic = 'case.received.v1'`), expectedCases, 'exactly one case.received.v1 per case')
    t.equal(await count(`SELECT count(DISTINCT key)::text AS n FROM bus.outbox WHERE topic = 'case.received.v1'`), expectedCases, 'one event for each case, none twice')
    t.equal(await count(`SELECT count(*)::text AS n FROM intake.case_events WHERE action = 'receive'`), expectedCases, 'one receive in each history')
    t.equal(await count('SELECT count(*)::text AS n FROM intake.idempotency_keys'), expectedKeys, 'one stored answer per (principal, key)')
    t.equal(await count('SELECT count(*)::text AS n FROM intake.idempotency_keys WHERE status_code = 0'), 0, 'no key is left half-claimed')
    const [stored] = await app.runtime.db.query<{ ids: string[] }>(`SELECT array_agg(id ORDER BY id) AS ids FROM intake.cases`)
    t.same(stored!.ids, [...caseIds].sort(), 'the stored cases are exactly the ones answered')

    // A key reused for another request is refused and stores nothing.
    const first = requests.find((r) => r.kind === 'keyed')!
    const reused = await client.post('/api/v1/cases', { ...first.body, content: `${first.body.content as string}（另一个请求）` }, app.headers(first.who, { 'idempotency-key': first.key! }))
    t.equal(reused.status, 422, 'a key reused for another body is refused')
    t.match(reused.headers['content-type'], /^application\/problem\+json/)
    t.equal(reused.body.code, 'INTAKE_ERR_IDEMPOTENCY_KEY_REUSED', reused.body.detail)
    t.equal(reused.body.pointer, '/headers/idempotency-key')
    // The same key, the same body, later: still the original answer.
    const again = await client.post('/api/v1/cases', first.body, app.headers(first.who, { 'idempotency-key': first.key! }))
    t.equal(again.status, 201, 'the same key and body later still answer 201')
    t.equal(again.headers['idempotent-replayed'], 'true', 'marked as a replay')
    t.equal(idOf(again), idOf(responses[requests.indexOf(first)]!), 'with the original case')
    t.equal(await count('SELECT count(*)::text AS n FROM intake.cases'), expectedCases, 'the refused and replayed requests created nothing')
    t.equal(await count(`SELECT count(*)::text AS n FROM bus.outbox WHERE topic = 'case.received.v1'`), expectedCases)
  })
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]))
}
