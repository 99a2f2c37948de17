// Scores a topic model on a split and prints accuracy, macro-F1 and the
// per-class table, with the model version, load memory and speed.
//   pnpm --filter @hotline-hub/classifier eval [--split dev|test] [--model PATH] [--data-dir DIR] [--json]
// The test split is for the final evaluation only: do not tune on it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { readMessages, TopicDataError } from '../topic/dataset.ts'
import { loadTopicModel } from '../topic/load.ts'
import { loadSegmenter } from '../topic/segment.ts'
import { evaluate, formatEvaluation } from '../topic/metrics.ts'
import { TopicArtifactError } from '../topic/artifact.ts'
import { DEFAULT_MODELS_DIR, defaultDataDir } from '../topic/paths.ts'
import { fail } from './args.ts'

let values
try {
  ;({ values } = parseArgs({
    options: {
      split: { type: 'string', default: 'dev' },
      model: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }))
} catch (e) {
  fail((e as Error).message, 2)
}
if (values.help) {
  process.stdout.write('usage: eval [--split dev|test] [--model PATH] [--data-dir DIR] [--json]\n')
  process.exit(0)
}
const split = values.split!
if (split !== 'dev' && split !== 'test') fail(`--split must be dev or test, not ${split}`, 2)
const path = join(values['data-dir'] ?? defaultDataDir(), `messages.${split}.jsonl`)
if (!existsSync(path)) fail(`data not found: ${path} (set --data-dir or HOTLINE_TIPDM_DIR)`)

try {
  loadSegmenter() // jieba's dictionary load is not the model's memory
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heapBefore = process.memoryUsage()
  const t0 = performance.now()
  const model = loadTopicModel(values.model ?? DEFAULT_MODELS_DIR, { onWarning: (m) => process.stderr.write(`warning: ${m}\n`) })
  const loadMs = performance.now() - t0
  gc?.()
  const heapAfter = process.memoryUsage()
  const rows = readMessages(path, split, model.labels)
  const predicted = rows.map((r) => model.labels.indexOf(model.predict(r.text).label))
  const e = evaluate(rows.map((r) => model.labels.indexOf(r.label)), predicted, model.labels)
  // Speed: the best of three more passes (the first one warmed the JIT up),
  // wall clock and this process's CPU time (steadier when other processes
  // share the cores).
  let secs = Infinity
  let cpuSecs = Infinity
  for (let pass = 0; pass < 3; pass++) {
    const cpu0 = process.cpuUsage()
    const t1 = performance.now()
    for (const r of rows) model.predict(r.text)
    secs = Math.min(secs, (performance.now() - t1) / 1000)
    const cpu = process.cpuUsage(cpu0)
    cpuSecs = Math.min(cpuSecs, (cpu.user + cpu.system) / 1e6)
  }
  const memory = {
    rssMB: (heapAfter.rss - heapBefore.rss) / 1e6,
    arrayBuffersMB: (heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 1e6,
    heapUsedMB: (heapAfter.heapUsed - heapBefore.heapUsed) / 1e6,
  }
  const speed = { cases: rows.length, seconds: secs, cpuSeconds: cpuSecs, casesPerSecond: rows.length / secs, casesPerCpuSecond: rows.length / cpuSecs, loadMs }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ version: model.version, split, ...e, memory, speed }, null, 2)}\n`)
  } else {
    console.log(`model     ${model.version}`)
    console.log(`split     ${split} (${path})`)
    console.log(formatEvaluation(e))
    console.log('')
    console.log(`speed     ${rows.length} cases in ${secs.toFixed(2)} s = ${speed.casesPerSecond.toFixed(0)} cases/s wall, ${speed.casesPerCpuSecond.toFixed(0)} cases per CPU second (one thread, explanations included, best of 3 passes)`)
    console.log(`memory    model load +${memory.arrayBuffersMB.toFixed(1)} MB array buffers, +${memory.heapUsedMB.toFixed(1)} MB heap, +${memory.rssMB.toFixed(1)} MB RSS; load ${loadMs.toFixed(0)} ms`)
  }
} catch (e) {
  if (e instanceof TopicDataError || e instanceof TopicArtifactError) fail(e.message)
  throw e
}
