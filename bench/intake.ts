/**
 * `pnpm bench:intake`: the intake service in distributed mode (its own
 * process, real PostgreSQL and Kafka) under load from a second process
 * (autocannon), with realistic web-message cases built from
 * ../shared/data/tipdm2020/hot.jsonl. Then the same load against a bare
 * Fastify route that only validates the same JSON Schema, in the same run.
 *
 * Prints accepted cases per second, p50/p99/p99.9 latency, errors and
 * non-2xx answers, the ratio to the bare route, the machine, and the rows
 * in intake.cases afterwards (which should equal the accepted cases).
 *
 * Environment:
 *   BENCH_SECONDS      measured duration of each run (default 60)
 *   BENCH_CONNECTIONS  concurrent connections (default 32)
 *   BENCH_PIPELINING   requests in flight per connection (default 1)
 *   BENCH_RATE         cap on requests per second (default: none, as fast as answered)
 *   BENCH_WARMUP_SECONDS  warm-up before each measured run (default 5)
 *   BENCH_DATA         the hot.jsonl file (default ../shared/data/tipdm2020/hot.jsonl from the repo root)
 *   BENCH_POSTGRES_URL admin URL where the fresh database is created (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_KAFKA_BROKERS (default TEST_KAFKA_BROKERS or 127.0.0.1:9092)
 *   BENCH_KEEP_DB=1    keep the database afterwards (its name is printed)
 *   BENCH_JSON=<file>  also write the summary as JSON
 *   BENCH_INTAKE_NODE_ARGS  extra node arguments of the intake process only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb, type Db } from '../libs/db/src/index.ts'
import { createTestDatabase, type TestDatabase } from '../libs/db/src/testing.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const env = process.env
const SECONDS = positive('BENCH_SECONDS', 60)
const CONNECTIONS = positive('BENCH_CONNECTIONS', 32)
const PIPELINING = positive('BENCH_PIPELINING', 1)
const RATE = env.BENCH_RATE ? positive('BENCH_RATE', 0) : undefined
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 5)
const DATA = path.resolve(repoRoot, env.BENCH_DATA ?? '../shared/data/tipdm2020/hot.jsonl')
const ADMIN_URL = env.BENCH_POSTGRES_URL || env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const BROKERS = (env.BENCH_KAFKA_BROKERS || env.TEST_KAFKA_BROKERS || '127.0.0.1:9092').split(',')

function positive(name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) fail(`${name}=${raw} is not a positive number`)
  return n
}

function fail(message: string): never {
  process.stderr.write(`bench:intake: ${message}\n`)
  process.exit(1)
}

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------- payloads

interface HotRow {
  id: string | null
  subject: string | null
  body: string | null
  time: string | null
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗']
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞']
const MOBILE_PREFIXES = ['138', '139', '150', '151', '158', '186', '187', '189', '135', '177']
const ID_REGIONS = ['430102', '430103', '430104', '430105', '430111', '430121', '430181', '430202', '430302', '430402']

function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!
  return first17 + '10X98765432'[sum % 11]!
}

/**
 * A canonical web-message case from one real message of the 问政 board: its
 * subject, body and time, the district it names, and a synthetic caller
 * (name, mobile, ID number, address) so that intake does its full personal
 * data work (validation, HMAC, encryption, masking).
 */
function toCase(row: HotRow, i: number): Record<string, unknown> | null {
  const content = (row.body ?? '').trim()
  if (!content) return null
  const text = `${row.subject ?? ''}${content}`
  const district = /A\d+[区县]/.exec(text)?.[0]
  const street = /[\u4e00-\u9fa5]{2,4}(?:街道|镇|乡)/.exec(text)?.[0]
  const time = row.time && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(row.time) ? `${row.time.replace(' ', 'T')}+08:00` : '2019-06-01T09:00:00+08:00'
  const year = 1950 + (i % 50)
  const month = String((i % 12) + 1).padStart(2, '0')
  const day = String((i % 28) + 1).padStart(2, '0')
  return {
    channel: 'web-message',
    receivedAt: time,
    ...(row.subject ? { title: row.subject.slice(0, 200) } : {}),
    content: content.slice(0, 50000),
    caller: {
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!,
      phone: MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]! + String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0'),
      idNumber: residentId(`${ID_REGIONS[i % ID_REGIONS.length]}${year}${month}${day}${String(i % 1000).padStart(3, '0')}`),
    },
    location: {
      ...(district ? { district } : {}),
      ...(street ? { street } : {}),
      address: `A市${district ?? 'A1区'}人民路${(i % 300) + 1}号${(i % 20) + 1}栋${(i % 6) + 1}单元`,
    },
  }
}

function buildPayloads(dir: string): { file: string; count: number; meanBytes: number } {
  if (!existsSync(DATA))
    fail(`the data file ${DATA} is missing (hot.jsonl of ../shared/data/tipdm2020; set BENCH_DATA to another path)`)
  const lines = readFileSync(DATA, 'utf8').split('\n').filter((l) => l.trim())
  const cases: string[] = []
  for (const [i, line] of lines.entries()) {
    const c = toCase(JSON.parse(line) as HotRow, i)
    if (c) cases.push(JSON.stringify(c))
  }
  if (cases.length === 0) fail(`no usable rows in ${DATA}`)
  const file = path.join(dir, 'payloads.ndjson')
  writeFileSync(file, `${cases.join('\n')}\n`)
  const meanBytes = Math.round(cases.reduce((n, c) => n + Buffer.byteLength(c), 0) / cases.length)
  return { file, count: cases.length, meanBytes }
}

// ---------------------------------------------------------------- infrastructure

async function checkKafka(): Promise<void> {
  const require = createRequire(new URL('../libs/bus/package.json', import.meta.url))
  // kafkajs is a dependency of libs/bus, not of the root; only its admin client is used here.
  interface Admin { connect(): Promise<void>; describeCluster(): Promise<unknown>; disconnect(): Promise<void> }
  const { Kafka, logLevel } = require('kafkajs') as { Kafka: new (o: object) => { admin(): Admin }; logLevel: { NOTHING: number } }
  const admin = new Kafka({ clientId: 'bench-probe', brokers: BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 1 } }).admin()
  try {
    await admin.connect()
    await admin.describeCluster()
  } catch (err) {
    fail(`Kafka is unreachable at ${BROKERS.join(',')}: ${(err as Error).message}. Start it with: bash infra/kafka.sh`)
  } finally {
    await admin.disconnect().catch(() => {})
  }
}

async function freshDatabase(): Promise<TestDatabase> {
  try {
    return await createTestDatabase({ adminUrl: ADMIN_URL })
  } catch (err) {
    fail(`PostgreSQL is unreachable: ${(err as Error).message}. Start it with: bash infra/postgres.sh`)
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

interface Child {
  proc: ChildProcess
  out(): string
  err(): string
  stop(): Promise<number | null>
}

function spawnTs(entry: string, childEnv: Record<string, string>, nodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], { cwd: repoRoot, env: { ...process.env, ...childEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  proc.stdout!.on('data', (d) => (out += d))
  proc.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  return {
    proc,
    out: () => out,
    err: () => err,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}

async function waitHealthy(base: string, child: Child, what: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) fail(`${what} exited during start-up (code ${child.proc.exitCode}):\n${child.out()}\n${child.err()}`)
    try {
      const res = await fetch(`${base}/healthz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  fail(`${what} did not answer /healthz within 120 s:\n${child.out()}\n${child.err()}`)
}

// ---------------------------------------------------------------- load

interface LoadResult {
  duration: number
  '2xx': number
  non2xx: number
  errors: number
  timeouts: number
  /** total: answered; sent: written to the socket (the difference was in flight when the run stopped). */
  requests: { average: number; total: number; sent: number }
  latency: Record<string, number>
  statusCodeStats?: Record<string, { count: number }>
}

async function load(url: string, seconds: number, headers: Record<string, string>, payloadFile: string, run: string): Promise<LoadResult> {
  const config = { url, path: '/api/v1/cases', seconds, connections: CONNECTIONS, pipelining: PIPELINING, rate: RATE, headers, payloadFile, run }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/load-worker.ts', JSON.stringify(config)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  proc.stdout.on('data', (d) => (out += d))
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve))
  if (code !== 0) fail(`the load worker failed (exit ${code}):\n${out}`)
  const line = out.trim().split('\n').pop() ?? ''
  return JSON.parse(line) as LoadResult
}

async function rows(db: Db, sql: string): Promise<number> {
  const [r] = await db.query<{ n: string }>(sql)
  return Number(r!.n)
}

// ---------------------------------------------------------------- main

const tmp = mkdtempSync(path.join(os.tmpdir(), 'hh-bench-'))
const payloads = buildPayloads(tmp)
await checkKafka()
const database = await freshDatabase()
const cleanup: (() => Promise<unknown>)[] = [async () => rmSync(tmp, { recursive: true, force: true })]
if (!env.BENCH_KEEP_DB) cleanup.push(() => database.drop())
const loadBefore = os.loadavg()[0]!
say(`machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadBefore.toFixed(2)}`)
say(`payloads: ${payloads.count} web-message cases from ${DATA}, mean body ${payloads.meanBytes} bytes`)
say(`database ${database.name}, Kafka ${BROKERS.join(',')}; ${SECONDS} s per run, ${CONNECTIONS} connections${RATE ? `, capped at ${RATE}/s` : ''}`)

const summary: Record<string, unknown> = {}
let exitCode = 0
try {
  // ---- intake, distributed mode
  const intakePort = await freePort()
  const prefix = `bench${randomBytes(3).toString('hex')}.`
  const intake = spawnTs('services/intake/src/main.ts', {
    PORT: String(intakePort),
    DATABASE_URL: database.url,
    KAFKA_BROKERS: BROKERS.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  }, (env.BENCH_INTAKE_NODE_ARGS ?? '').split(' ').filter(Boolean))
  cleanup.unshift(() => intake.stop())
  const intakeUrl = `http://127.0.0.1:${intakePort}`
  await waitHealthy(intakeUrl, intake, 'the intake service')
  const password = /password: (\S+)/.exec(intake.out())?.[1]
  if (!password) fail(`no one-time admin password on the intake service's stdout:\n${intake.out()}`)
  const login = await fetch(`${intakeUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) })
  const token = ((await login.json()) as { token: string }).token
  const keyRes = await fetch(`${intakeUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'bench integrator', channels: ['web-message'], ratePerMin: 1_000_000 }),
  })
  if (keyRes.status !== 201) fail(`creating the API key failed: ${keyRes.status} ${await keyRes.text()}`)
  const apiKey = ((await keyRes.json()) as { key: string }).key
  const headers = { 'x-api-key': apiKey }

  const db = await openDb({ url: database.url, poolSize: 2 })
  cleanup.unshift(() => db.close())
  const run = `b${randomBytes(3).toString('hex')}`
  if (WARMUP > 0) {
    say(`intake: warm-up ${WARMUP} s`)
    await load(intakeUrl, WARMUP, headers, payloads.file, `${run}w`)
    await sleep(2000) // requests still in flight when the warm-up stopped finish before the count
  }
  const casesBefore = await rows(db, 'SELECT count(*)::text AS n FROM intake.cases')
  say(`intake: measuring ${SECONDS} s`)
  const measured = await load(intakeUrl, SECONDS, headers, payloads.file, run)
  await sleep(2000)
  const casesAfter = await rows(db, 'SELECT count(*)::text AS n FROM intake.cases')
  const lagAtEnd = await rows(db, 'SELECT count(*)::text AS n FROM bus.outbox WHERE published_at IS NULL')
  const drainStart = Date.now()
  let lag = lagAtEnd
  while (lag > 0 && Date.now() - drainStart < 120_000) {
    await sleep(250)
    lag = await rows(db, 'SELECT count(*)::text AS n FROM bus.outbox WHERE published_at IS NULL')
  }
  const drainSeconds = (Date.now() - drainStart) / 1000
  const published = await rows(db, `SELECT count(*)::text AS n FROM bus.outbox WHERE topic = 'case.received.v1' AND published_at IS NOT NULL`)
  const intakeStderr = intake.err().trim()
  await intake.stop()

  // ---- bare Fastify route, same validation
  const barePort = await freePort()
  const bare = spawnTs('bench/bare-route.ts', { PORT: String(barePort) })
  cleanup.unshift(() => bare.stop())
  const bareUrl = `http://127.0.0.1:${barePort}`
  await waitHealthy(bareUrl, bare, 'the bare route')
  if (WARMUP > 0) {
    say(`bare route: warm-up ${WARMUP} s`)
    await load(bareUrl, WARMUP, {}, payloads.file, `${run}bw`)
  }
  say(`bare route: measuring ${SECONDS} s`)
  const baseline = await load(bareUrl, SECONDS, {}, payloads.file, `${run}b`)
  await bare.stop()

  const accepted = measured['2xx']
  const perSecond = accepted / measured.duration
  const barePerSecond = baseline['2xx'] / baseline.duration
  const lat = (r: LoadResult, p: string) => r.latency[p] ?? NaN
  const stored = casesAfter - casesBefore
  // autocannon stops at the deadline with requests still in flight: the server finishes them, unanswered.
  const inFlight = Math.max(0, (measured.requests.sent ?? measured.requests.total) - measured.requests.total)
  const consistent = stored >= accepted && stored <= accepted + inFlight
  Object.assign(summary, {
    machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model, node: process.version, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), loadAverageBefore: +loadBefore.toFixed(2) },
    settings: { seconds: SECONDS, connections: CONNECTIONS, pipelining: PIPELINING, rate: RATE ?? null, warmupSeconds: WARMUP, payloads: payloads.count, meanPayloadBytes: payloads.meanBytes },
    intake: {
      acceptedPerSecond: +perSecond.toFixed(1),
      accepted,
      latencyMs: { p50: lat(measured, 'p50'), p99: lat(measured, 'p99'), p99_9: lat(measured, 'p99_9'), max: lat(measured, 'max'), mean: lat(measured, 'average') },
      errors: measured.errors,
      timeouts: measured.timeouts,
      non2xx: measured.non2xx,
      statusCodes: measured.statusCodeStats ?? {},
      casesStored: stored,
      inFlightAtStop: inFlight,
      casesStoredMatchAccepted: consistent,
      outboxUnpublishedAtEnd: lagAtEnd,
      outboxDrainSeconds: +drainSeconds.toFixed(1),
      caseReceivedPublished: published,
    },
    bareRoute: {
      acceptedPerSecond: +barePerSecond.toFixed(1),
      latencyMs: { p50: lat(baseline, 'p50'), p99: lat(baseline, 'p99'), p99_9: lat(baseline, 'p99_9') },
      errors: baseline.errors,
      non2xx: baseline.non2xx,
    },
    ratioToBareRoute: +(perSecond / barePerSecond).toFixed(3),
    target: { casesPerSecond: 2000, p99Ms: 50, met: perSecond >= 2000 && lat(measured, 'p99') < 50 && measured.errors === 0 && measured.non2xx === 0 },
  })
  if (intakeStderr) summary.intakeStderrTail = intakeStderr.split('\n').slice(-10)

  const print = (s: string) => process.stdout.write(`${s}\n`)
  const i = summary.intake as { latencyMs: Record<string, number> }
  print('')
  print('hotline-hub intake benchmark (distributed mode: PostgreSQL + Kafka, intake in its own process, load from another)')
  print(`machine         ${os.availableParallelism()} CPUs, ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load avg before ${loadBefore.toFixed(2)}`)
  print(`load            ${SECONDS} s measured after ${WARMUP} s warm-up, ${CONNECTIONS} connections × pipelining ${PIPELINING}${RATE ? `, rate cap ${RATE}/s` : ''}, ${payloads.count} distinct hot.jsonl cases (mean ${payloads.meanBytes} B)`)
  print(`accepted cases  ${perSecond.toFixed(1)}/s (${accepted} in ${measured.duration.toFixed(1)} s)`)
  print(`latency         p50 ${i.latencyMs.p50} ms   p99 ${i.latencyMs.p99} ms   p99.9 ${i.latencyMs.p99_9} ms   max ${i.latencyMs.max} ms`)
  print(`errors          ${measured.errors} errors, ${measured.timeouts} timeouts, ${measured.non2xx} non-2xx ${JSON.stringify(measured.statusCodeStats ?? {})}`)
  print(`bare route      ${barePerSecond.toFixed(1)}/s, p50 ${lat(baseline, 'p50')} ms, p99 ${lat(baseline, 'p99')} ms (${baseline.errors} errors, ${baseline.non2xx} non-2xx)`)
  print(`ratio           intake / bare route = ${(perSecond / barePerSecond).toFixed(3)}`)
  print(`intake.cases    ${stored} rows added during the measured run; accepted (2xx) ${accepted}, ${inFlight} more sent and unanswered when the run stopped: ${stored === accepted ? 'equal' : consistent ? `consistent (${stored - accepted} of those in flight were stored)` : 'INCONSISTENT'}; ${casesAfter} rows in all`)
  print(`outbox          ${lagAtEnd} unpublished when the load stopped, drained in ${drainSeconds.toFixed(1)} s; ${published} case.received.v1 published`)
  print(`target          ≥ 2000 cases/s with p99 < 50 ms and no errors: ${(summary.target as { met: boolean }).met ? 'MET' : 'NOT MET'}`)
  if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify(summary, null, 2))
  if (!consistent) exitCode = 1
} finally {
  for (const c of cleanup) await c().catch((err: Error) => say(`cleanup: ${err.message}`))
  if (env.BENCH_KEEP_DB) say(`kept database ${database.name} (${database.url})`)
}
process.exit(exitCode)
