/**
 * `pnpm bench:stats`: the statistics of the escalation service in
 * distributed mode (a fresh PostgreSQL database, Kafka) at city scale.
 *
 * 1. Ingestion: 10 million cases' worth of events (received, classified,
 *    dispatched, accepted, replied, closed, followed up, sometimes 重办),
 *    spread over two years of days, 9 channels, 60 departments, 7 topics with
 *    subtopics and 20 districts, folded in memory by the batch path of
 *    src/stats (foldHistories in worker threads, one day of cases at a time)
 *    and written with writeRollups (rollup_daily, whose trigger keeps
 *    rollup_monthly, and the lines of radio-hotline). Prints events/s.
 * 2. Queries through the real HTTP API (app.inject on the service's
 *    Fastify server, a leader's bearer token): this month by channel, this
 *    year by department, this year's ranking, a 30-day trend (by=day), each
 *    BENCH_RUNS times after a warm-up; p50 and p99. For comparison, a view
 *    with a filter that the full rollups answer, and the year by department
 *    summed from rollup_daily alone (SQL, 25 runs).
 * 3. The process's RSS (now and peak, worker threads included), and the
 *    rollup tables' rows and sizes.
 *
 * Environment:
 *   BENCH_CASES     cases (default 10000000)
 *   BENCH_DAYS      days of receipt, ending today (default 730)
 *   BENCH_RUNS      measured runs per view (default 300)
 *   BENCH_WORKERS   folding threads (default: the number of CPUs)
 *   BENCH_POSTGRES_URL admin URL where the fresh database is created (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_KAFKA_BROKERS (default TEST_KAFKA_BROKERS or 127.0.0.1:9092)
 *   BENCH_KEEP_DB=1 keep the database afterwards (its name is printed)
 *   BENCH_JSON=<file> also write the summary as JSON
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { TOPICS, type EventEnvelope } from '../libs/contracts/src/index.ts'
import { createTestDatabase } from '../libs/db/src/testing.ts'
import { createRuntime } from '../libs/platform/src/index.ts'
import { asRole, standInIntake } from '../tests/support/stand-in-intake.ts'
import { EscalationConfigSchema, createEscalationService } from '../services/escalation/src/index.ts'
import { SlaPolicy } from '../services/escalation/src/sla/policy.ts'
import { foldHistories, RollupAccumulator, writeRollups } from '../services/escalation/src/stats/batch-projection.ts'
import type { HistoryEvent } from '../services/escalation/src/stats/case-fold.ts'
import { loadStatsConfig } from '../services/escalation/src/stats/stats-config.ts'
import { isoDay, today } from '../services/escalation/src/stats/period.ts'
import { random } from '../services/escalation/test/fixtures/stats-history.ts'

const env = process.env
const DAY_MS = 86_400_000
const HOUR = 3_600_000

// ---------------------------------------------------------------- the city (realistic spread)

const CHANNELS: [string, number][] = [
  ['grid-supervisor', 40], ['hotline-12345', 26], ['hotline-12319', 10], ['video-patrol', 8], ['web-message', 6],
  ['mayor-line', 3], ['director-mailbox', 2], ['disclosure-request', 2], ['radio-hotline', 3],
]
const DISTRICTS = ['道里区', '南岗区', '道外区', '香坊区', '松北区', '平房区', '呼兰区', '阿城区', '双城区', '尚志市', '五常市', '依兰县', '方正县', '宾县', '巴彦县', '木兰县', '通河县', '延寿县', '新区', '经开区']
const TOPIC_LIST: [string, number, string[]][] = [
  ['城乡建设', 38, ['供热', '供水', '燃气', '道路设施', '违法建设', '物业管理', '征收拆迁']],
  ['环境保护', 20, ['市容环卫', '噪声扰民', '园林绿化']],
  ['交通运输', 14, ['道路设施', '公交']],
  ['劳动和社会保障', 9, ['欠薪', '社保']],
  ['商贸旅游', 7, ['价格', '市场']],
  ['卫生计生', 7, ['医疗', '食品']],
  ['教育文体', 5, ['学校', '培训']],
]
/** 12 city-level departments, by topic; 48 district-level units (城管, 住建, 环保 of the first 16 districts). */
const CITY_DEPT: Record<string, string[]> = {
  城乡建设: ['市住建局', '市供热办', '市水务局', '市城管局'],
  环境保护: ['市生态环境局', '市城管局'],
  交通运输: ['市交通运输局', '市公安局交警支队'],
  劳动和社会保障: ['市人社局'],
  商贸旅游: ['市商务局', '市市场监管局'],
  卫生计生: ['市卫健委'],
  教育文体: ['市教育局'],
}
const UNIT_OF_TOPIC: Record<string, string> = { 城乡建设: '住建局', 环境保护: '环保局' }
const APPEALS: [string, number][] = [['投诉', 40], ['咨询', 25], ['求助', 15], ['建议', 10], ['举报', 8], ['表扬', 2]]
const URGENCY: [string, number][] = [['一般', 93], ['加急', 5], ['紧急', 2]]

const weighted = <T>(r: () => number, xs: [T, number][]): T => {
  const total = xs.reduce((n, [, w]) => n + w, 0)
  let x = r() * total
  for (const [v, w] of xs) if ((x -= w) < 0) return v
  return xs[xs.length - 1]![0]
}
const zipf = (r: () => number, n: number) => Math.min(n - 1, Math.floor(n * r() ** 1.8))

/** The events of one day's cases, as intake and the classifier would publish them. */
function dayEvents(day: number, count: number, nowMs: number): HistoryEvent[] {
  const r = random(day * 7919 + 17)
  const out: HistoryEvent[] = []
  const dayStart = day * DAY_MS - 8 * HOUR
  for (let i = 0; i < count; i++) {
    const caseId = `B${day}-${i}`
    // Events after now have not happened yet: the case stops there. (The id, unused by the fold, is left empty.)
    const ev = (topic: string, ms: number, data: (iso: string) => unknown) => {
      if (ms > nowMs) return false
      const iso = new Date(ms).toISOString()
      out.push({ topic, envelope: { id: '', type: topic, version: 1, occurredAt: iso, source: 'bench', caseId, data: data(iso) } as EventEnvelope })
      return true
    }
    const life = (action: string, to: string, ms: number, extra: object = {}) =>
      ev(TOPICS.caseLifecycle, ms, (at) => ({ action, from: null, to, actor: { id: 'user:bench', role: 'department' }, at, ...extra }))
    const channel = weighted(r, CHANNELS)
    const district = zipf(r, DISTRICTS.length)
    const receivedMs = dayStart + 7 * HOUR + Math.floor(r() * 14 * HOUR) + Math.floor(r() * 60_000)
    const extra = channel === 'radio-hotline' ? { extra: { programme: r() < 0.5 ? '行风热线' : '纠风直通车' } } : {}
    ev(TOPICS.caseReceived, receivedMs, (receivedAt) => ({ case: { id: caseId, channel, receivedAt, content: '诉求', caller: {}, location: { district: DISTRICTS[district] }, status: 'received', ...extra } }))
    const [topic, , subs] = TOPIC_LIST[weightedIndex(r)]!
    const appealType = weighted(r, APPEALS)
    const urgency = weighted(r, URGENCY)
    if (r() < 0.9) {
      const tag = (value: string) => ({ value, confidence: 0.8, because: [] })
      const subtopics = r() < 0.6 ? [tag(subs[Math.floor(r() * subs.length)]!)] : []
      const negativity = r()
      ev(TOPICS.caseClassified, receivedMs + 2000, () => ({
        modelVersion: 'bench', topic: tag(topic), subtopics, appealType: tag(appealType), urgency: tag(urgency),
        sentiment: { negativity, flags: [], because: [] }, location: { because: [] },
      }))
    }
    let t = receivedMs + 60_000 + Math.floor(r() * HOUR)
    const hotline = channel.startsWith('hotline') || channel === 'mayor-line'
    if (hotline && r() < 0.15) {
      life('resolve_on_call', 'resolved_on_call', t)
      continue
    }
    if (r() < 0.03) continue // still waiting to be dispatched
    const local = district < 16 && r() < 0.7
    const department = local ? `${DISTRICTS[district]}${UNIT_OF_TOPIC[topic] ?? '城管局'}` : CITY_DEPT[topic]![Math.floor(r() * CITY_DEPT[topic]!.length)]!
    if (!life('dispatch', 'dispatched', t, { department })) continue
    if (r() < 0.95 && !life('accept', 'accepted', (t += Math.floor((r() < 0.9 ? 0.1 + r() : 2 + 6 * r()) * HOUR)))) continue
    if (!life('reply', 'replied', (t += Math.floor((0.5 + r() * 8) * DAY_MS)))) continue
    if (r() < 0.96 && life('close', 'closed', (t += Math.floor((r() < 0.85 ? r() * 3 : 3 + r() * 15) * DAY_MS))) && r() < 0.6) {
      const s = r()
      const satisfaction = s < 0.7 ? '满意' : s < 0.9 ? '基本满意' : '不满意'
      const solved = satisfaction === '不满意' ? r() < 0.3 : r() < 0.95
      if (life('follow_up', 'followed_up', (t += Math.floor(r() * 2 * DAY_MS)), { details: { satisfaction, solved } }) && satisfaction === '不满意' && r() < 0.3)
        life('reopen', 'reopened', t + DAY_MS)
    }
  }
  return out
}
const TOPIC_WEIGHTS = TOPIC_LIST.map(([, w]) => w)
function weightedIndex(r: () => number): number {
  let x = r() * 100
  for (let i = 0; i < TOPIC_WEIGHTS.length; i++) if ((x -= TOPIC_WEIGHTS[i]!) < 0) return i
  return 0
}

// ---------------------------------------------------------------- worker: fold days of cases

interface Task {
  days: [day: number, count: number][]
}
interface Folded {
  daily: [string, number[]][]
  subchannel: [string, number[]][]
  cases: number
  events: number
  skipped: number
  foldMs: number
}

// ---------------------------------------------------------------- main

function positive(name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`bench:stats: ${name}=${raw} is not a positive integer\n`)
    process.exit(1)
  }
  return n
}

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`)
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`

/** Cases per day: fewer at weekends, more in the heating season (Oct–Apr); exactly `total` in all. */
function spread(total: number, first: number, days: number): [number, number][] {
  const w = Array.from({ length: days }, (_, i) => {
    const d = new Date((first + i) * DAY_MS)
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.6 : 1
    const m = d.getUTCMonth()
    return weekend * (m >= 9 || m <= 3 ? 1.3 : 1)
  })
  const sum = w.reduce((a, b) => a + b, 0)
  const counts = w.map((x) => Math.floor((total * x) / sum))
  for (let i = 0, left = total - counts.reduce((a, b) => a + b, 0); left > 0; i++, left--) counts[i % days]!++
  return counts.map((c, i) => [first + i, c])
}

async function main(): Promise<void> {
  const CASES = positive('BENCH_CASES', 10_000_000)
  const DAYS = positive('BENCH_DAYS', 730)
  const RUNS = Math.max(200, positive('BENCH_RUNS', 300))
  const WORKERS = positive('BENCH_WORKERS', os.availableParallelism())
  const adminUrl = env.BENCH_POSTGRES_URL || env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
  const brokers = env.BENCH_KAFKA_BROKERS || env.TEST_KAFKA_BROKERS || '127.0.0.1:9092'
  const database = await createTestDatabase({ adminUrl })
  const intake = await standInIntake()
  say(`database ${database.name}; ${CASES} cases over ${DAYS} days, ${WORKERS} folding threads`)
  const runtime = await createRuntime({
    name: 'escalation-bench',
    schema: EscalationConfigSchema,
    env: {
      DATABASE_URL: database.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: `bench${randomBytes(3).toString('hex')}.`, INTAKE_URL: intake.url,
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn', ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0',
    },
    factories: [createEscalationService],
    telemetry: false,
  })
  try {
    const summary: Record<string, unknown> = { cases: CASES, days: DAYS, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, workers: WORKERS }
    Object.assign(summary, await ingest(runtime.db, CASES, DAYS, WORKERS))
    await runtime.db.query('ANALYZE escalation.rollup_daily')
    await runtime.db.query('ANALYZE escalation.rollup_monthly')
    await runtime.db.query('ANALYZE escalation.rollup_subchannel_daily')
    await runtime.db.query('ANALYZE escalation.rollup_daily_slices')
    await runtime.db.query('ANALYZE escalation.rollup_monthly_slices')
    summary.views = await queries(runtime, RUNS)
    const tables: Record<string, { rows: number; size: string }> = {}
    for (const t of ['rollup_daily', 'rollup_monthly', 'rollup_daily_slices', 'rollup_monthly_slices', 'rollup_subchannel_daily']) {
      const [row] = await runtime.db.query<{ n: string; bytes: string }>(`SELECT (SELECT count(*) FROM escalation.${t})::text AS n, pg_total_relation_size('escalation.${t}')::text AS bytes`)
      tables[t] = { rows: Number(row!.n), size: mb(Number(row!.bytes)) }
    }
    summary.tables = tables
    summary.rssMB = Math.round(process.memoryUsage().rss / 1048576)
    summary.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024)
    console.log(JSON.stringify(summary, null, 2))
    if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify(summary, null, 2))
  } finally {
    await runtime.close()
    await intake.close()
    if (env.BENCH_KEEP_DB === '1') say(`kept database ${database.name}`)
    else await database.drop()
  }
}

async function ingest(db: import('../libs/db/src/index.ts').Db, cases: number, days: number, workers: number) {
  const last = today()
  const plan = spread(cases, last - days + 1, days)
  const tasks: Task[] = []
  for (let i = 0; i < plan.length; i += 4) tasks.push({ days: plan.slice(i, i + 4) })
  const nowMs = Date.now()
  // A worker does not inherit `--import tsx` on Node 20: it registers tsx itself, then loads this file.
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}) })`
  const pool = Array.from({ length: workers }, () => new Worker(boot, { eval: true, workerData: { nowMs }, execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) }))
  let writes = Promise.resolve()
  let writeMs = 0
  let foldMs = 0
  const totals = { cases: 0, events: 0, skipped: 0, rowsWritten: 0 }
  const started = performance.now()
  let next = 0
  let done = 0
  await new Promise<void>((resolve, reject) => {
    const feed = (w: Worker) => {
      if (next < tasks.length) w.postMessage(tasks[next++])
    }
    for (const w of pool) {
      w.on('error', reject)
      w.on('message', (f: Folded) => {
        feed(w)
        foldMs += f.foldMs
        totals.cases += f.cases
        totals.events += f.events
        totals.skipped += f.skipped
        totals.rowsWritten += f.daily.length
        const acc = new RollupAccumulator()
        acc.merge(f)
        writes = writes.then(async () => {
          const t0 = performance.now()
          await db.transaction((tx) => writeRollups(tx, acc))
          writeMs += performance.now() - t0
          if (++done % 25 === 0 || done === tasks.length) say(`${done}/${tasks.length} chunks, ${totals.cases} cases, ${totals.events} events`)
          if (done === tasks.length) resolve()
        }, reject)
      })
      feed(w)
    }
  })
  await writes
  const seconds = (performance.now() - started) / 1000
  await Promise.all(pool.map((w) => w.terminate()))
  return {
    ingestion: {
      ...totals,
      seconds: Number(seconds.toFixed(1)),
      eventsPerSecond: Math.round(totals.events / seconds),
      casesPerSecond: Math.round(totals.cases / seconds),
      foldThreadSeconds: Number((foldMs / 1000).toFixed(1)),
      foldEventsPerThreadSecond: Math.round(totals.events / (foldMs / 1000)),
      writeSeconds: Number((writeMs / 1000).toFixed(1)),
    },
  }
}

async function queries(runtime: Awaited<ReturnType<typeof createRuntime>>, runs: number) {
  const d = today()
  const headers = asRole('leader')
  const views: [string, string][] = [
    ['this month by channel', '/api/v1/stats?period=month&by=channel'],
    ['this year by department', '/api/v1/stats?period=year&by=department'],
    ['this year ranking by department', '/api/v1/stats/ranking?period=year'],
    ['30-day trend by day', `/api/v1/stats?from=${isoDay(d - 29)}&to=${isoDay(d)}&by=day`],
    // Not one of the common views: a filter and a slice of another dimension read the full monthly rollup.
    ['this year by department, one topic (full rollups)', `/api/v1/stats?period=year&by=department&topic=${encodeURIComponent('城乡建设')}`],
  ]
  const out: Record<string, unknown> = {}
  for (const [name, url] of views) {
    for (let i = 0; i < 20; i++) await runtime.app.inject({ method: 'GET', url, headers })
    const ms: number[] = []
    let bytes = 0
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      const res = await runtime.app.inject({ method: 'GET', url, headers })
      ms.push(performance.now() - t0)
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`)
      bytes = res.rawPayload.length
    }
    out[name] = { url, runs, p50: Number(pct(ms, 50).toFixed(2)), p99: Number(pct(ms, 99).toFixed(2)), bytes }
    say(`${name}: p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms`)
  }
  // The same year by department summed from rollup_daily alone: what the monthly rollup saves.
  const year = new Date(d * DAY_MS).getUTCFullYear()
  const ms: number[] = []
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now()
    await runtime.db.query(
      `SELECT department, sum(received)::int8, sum(dispatched)::int8, sum(closed)::int8, sum(closed_on_time)::int8, sum(responded)::int8,
              sum(followed_up)::int8, sum(solved)::int8, sum(satisfied)::int8, sum(overdue)::int8
         FROM escalation.rollup_daily WHERE day BETWEEN $1::date AND $2::date GROUP BY department`,
      [`${year}-01-01`, `${year}-12-31`],
    )
    ms.push(performance.now() - t0)
  }
  out['this year by department from rollup_daily alone (SQL only)'] = { runs: ms.length, p50: Number(pct(ms, 50).toFixed(2)), p99: Number(pct(ms, 99).toFixed(2)) }
  return out
}

// ---------------------------------------------------------------- entry: a folding thread, or the benchmark

if (!isMainThread) {
  const policy = SlaPolicy.load()
  const vocabulary = loadStatsConfig().vocabulary
  const nowMs = (workerData as { nowMs: number }).nowMs
  parentPort!.on('message', (task: Task) => {
    const acc = new RollupAccumulator()
    let foldMs = 0
    for (const [day, count] of task.days) {
      const events = dayEvents(day, count, nowMs)
      const t0 = performance.now()
      foldHistories(policy, vocabulary, events, acc)
      foldMs += performance.now() - t0
    }
    parentPort!.postMessage({ daily: [...acc.daily], subchannel: [...acc.subchannel], cases: acc.cases, events: acc.events, skipped: acc.skipped, foldMs } satisfies Folded)
  })
} else {
  await main()
}
