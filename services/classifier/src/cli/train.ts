// Trains the topic model and writes a versioned artifact.
//   pnpm --filter @hotline-hub/classifier train [--corrections-db] [--feedback corrections.jsonl]… [--data-dir DIR] [--out DIR] [--params params.json] [--no-current]
// Reads messages.train.jsonl (plus the duty officers' corrections — from the
// system's database with --corrections-db, DATABASE_URL or else the embedded
// DATA_DIR (default <repo>/data), and from exported JSONL files — which
// replace the label of a text already there or are added), scores
// messages.dev.jsonl, writes models/topic-<version>.{json,bin.gz} and points
// models/CURRENT at it. Never reads the test split.
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { readMessages, readFeedback, mergeFeedback, TopicDataError, type LabelledText } from '../topic/dataset.ts'
import { DEFAULT_TOPIC_PARAMS, type TopicParams } from '../topic/params.ts'
import { TOPIC_LABELS } from '../topic/labels.ts'
import { DEFAULT_MODELS_DIR, defaultDataDir } from '../topic/paths.ts'
import { normalizeText } from '../topic/normalize.ts'
import { trainTopicModel } from '../topic/train.ts'
import { saveTopicModel } from '../topic/artifact.ts'
import { formatEvaluation } from '../topic/metrics.ts'
import { fail } from './args.ts'
import { readCorrectionsFromDb } from './corrections-db.ts'

let values
try {
  ;({ values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      feedback: { type: 'string', multiple: true },
      'corrections-db': { type: 'boolean' },
      out: { type: 'string' },
      params: { type: 'string' },
      'no-current': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }))
} catch (e) {
  fail((e as Error).message, 2)
}
if (values.help) {
  process.stdout.write('usage: train [--corrections-db] [--feedback FILE]… [--data-dir DIR] [--out DIR] [--params FILE] [--no-current]\n')
  process.exit(0)
}

const dataDir = values['data-dir'] ?? defaultDataDir()
const outDir = values.out ?? DEFAULT_MODELS_DIR
const params: TopicParams = values.params ? (JSON.parse(readFileSync(values.params, 'utf8')) as TopicParams) : DEFAULT_TOPIC_PARAMS
const labels = [...TOPIC_LABELS]
const trainPath = join(dataDir, 'messages.train.jsonl')
const devPath = join(dataDir, 'messages.dev.jsonl')
if (!existsSync(trainPath)) fail(`training data not found: ${trainPath} (set --data-dir or HOTLINE_TIPDM_DIR)`)

try {
  const started = performance.now()
  const train = readMessages(trainPath, 'train', labels)
  const dev = existsSync(devPath) ? readMessages(devPath, 'dev', labels) : []
  const feedback: LabelledText[] = (values.feedback ?? []).flatMap((f) => readFeedback(f, labels))
  if (values['corrections-db']) {
    const fromDb = await readCorrectionsFromDb(labels)
    console.log(`${fromDb.length} topic corrections from the database`)
    feedback.push(...fromDb)
  }
  const key = (text: string) => normalizeText(text, params.features)
  const merged = mergeFeedback(train, feedback, key)
  console.log(`training on ${merged.examples.length} texts (${train.length} train; ${feedback.length} corrections: ${merged.replaced} relabelled, ${merged.added} added)`)
  const model = trainTopicModel({
    examples: merged.examples,
    dev,
    params,
    labels,
    feedbackReplaced: merged.replaced,
    feedbackAdded: merged.added,
  })
  const saved = saveTopicModel(model.data, outDir, { setCurrent: !values['no-current'] })
  const secs = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`model ${saved.version}: trained in ${model.data.training.seconds} s (${secs} s with I/O)`)
  console.log(`artifact ${relative(process.cwd(), saved.headerPath)} + ${relative(process.cwd(), saved.binaryPath)}: ${(saved.bytes / 1e6).toFixed(2)} MB`)
  if (!values['no-current']) console.log(`CURRENT → ${saved.version}`)
  if (model.data.metrics.dev) console.log(`\ndev split (${devPath}):\n${formatEvaluation({ ...model.data.metrics.dev, confusion: [] })}`)
} catch (e) {
  if (e instanceof TopicDataError) fail(e.message)
  throw e
}
