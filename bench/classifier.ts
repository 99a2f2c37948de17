/**
 * `pnpm bench:classifier`: the whole classifier (normalization, jieba, topic
 * model with its explanation, rules for urgency / appeal type / sentiment /
 * subtopics, gazetteer) on one thread, over realistic citizen messages
 * (../shared/data/tipdm2020/hot.jsonl), against bare nodejieba segmentation
 * (`cut` with HMM, as the classifier uses it) of the same texts in the same
 * run. Prints cases/s, MB/s, the ratio, and the memory the loaded classifier
 * holds.
 *
 * Runs alternate (classifier, bare, classifier, bare …) so that a slower
 * moment of the machine hits both; the median run is reported with the range.
 *
 * Environment:
 *   BENCH_RUNS      measured runs of each (default 5)
 *   BENCH_SECONDS   minimum length of one run (default 3)
 *   BENCH_DATA      the JSONL file (default ../shared/data/tipdm2020/hot.jsonl)
 *   BENCH_JSON=<file>  also write the summary as JSON
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { loadClassifier, messageText, segment } from '../services/classifier/src/index.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const dataFile = process.env.BENCH_DATA ?? path.join(repoRoot, '..', 'shared', 'data', 'tipdm2020', 'hot.jsonl')

const gc = (globalThis as { gc?: () => void }).gc
const settle = () => {
  gc?.()
  gc?.()
  return process.memoryUsage()
}

const texts = readFileSync(dataFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { subject?: string | null; body?: string | null })
  .map((m) => messageText(m.subject, m.body))
  .filter((s) => s.length > 0)
const bytes = texts.reduce((n, s) => n + Buffer.byteLength(s), 0)

const before = settle()
const t0 = performance.now()
const classifier = loadClassifier()
const loadMs = performance.now() - t0
const after = settle()

/** Passes over all texts until SECONDS have gone by; returns texts per second. */
function run(fn: (s: string) => unknown): number {
  let n = 0
  const start = performance.now()
  let sink = 0
  do {
    for (const s of texts) {
      const r = fn(s)
      sink += r ? 1 : 0
    }
    n += texts.length
  } while (performance.now() - start < SECONDS * 1000)
  if (sink < 0) console.log(sink)
  return n / ((performance.now() - start) / 1000)
}

const full = (s: string) => classifier.classify({ content: s })
const bare = (s: string) => segment(s, true) // nodejieba.cut(s, true), nothing else
run(full) // warm-up: JIT, caches
run(bare)
const fullRates: number[] = []
const bareRates: number[] = []
for (let i = 0; i < RUNS; i++) {
  fullRates.push(run(full))
  bareRates.push(run(bare))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const perCase = bytes / texts.length
const mb = (rate: number) => (rate * perCase) / 1e6
const summary = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  data: `${texts.length} texts from ${path.basename(dataFile)}, ${(bytes / 1e6).toFixed(2)} MB, ${Math.round(perCase)} bytes on average`,
  classifier: classifier.version,
  runs: RUNS,
  secondsPerRun: SECONDS,
  casesPerSecond: Math.round(median(fullRates)),
  casesPerSecondRange: [Math.round(Math.min(...fullRates)), Math.round(Math.max(...fullRates))],
  mbPerSecond: Number(mb(median(fullRates)).toFixed(2)),
  bareJiebaTextsPerSecond: Math.round(median(bareRates)),
  bareJiebaMbPerSecond: Number(mb(median(bareRates)).toFixed(2)),
  ratioToBareJieba: Number((median(fullRates) / median(bareRates)).toFixed(3)),
  loadMs: Math.round(loadMs),
  memory: {
    heapMB: Number(((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)),
    externalAndBuffersMB: Number(((after.external + after.arrayBuffers - before.external - before.arrayBuffers) / 1e6).toFixed(1)),
    rssMB: Number(((after.rss - before.rss) / 1e6).toFixed(1)),
    note: gc ? 'after gc, loaded minus before (rss includes jieba’s native dictionary)' : 'run with --expose-gc for settled figures',
  },
}

console.log(`classifier bench — ${summary.machine}`)
console.log(`data: ${summary.data}`)
console.log(`classifier ${summary.classifier}, one thread, ${RUNS} runs of ≥ ${SECONDS} s each (median, range)`)
console.log(`  full classification: ${summary.casesPerSecond} cases/s (${summary.casesPerSecondRange.join('–')}), ${summary.mbPerSecond} MB/s`)
console.log(`  bare nodejieba cut:  ${summary.bareJiebaTextsPerSecond} texts/s, ${summary.bareJiebaMbPerSecond} MB/s`)
console.log(`  ratio to bare jieba: ${summary.ratioToBareJieba}`)
console.log(`  load: ${summary.loadMs} ms; memory held: heap ${summary.memory.heapMB} MB, buffers ${summary.memory.externalAndBuffersMB} MB, rss ${summary.memory.rssMB} MB (${summary.memory.note})`)
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(summary, null, 2))
