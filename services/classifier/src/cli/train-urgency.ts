// Trains the urgency backstop (紧急 模型兜底) and writes a versioned artifact.
//   pnpm --filter @hotline-hub/classifier train-urgency [--cases FILE] [--data-dir DIR] [--negatives N] [--out DIR]
// A two-class model (紧急 / 其他) over the topic model's features (the same configuration), trained on
// the labelled urgency cases (test/fixtures/urgency-cases.yaml: emergencies,
// outages and tricky negatives) plus the first N real TipDM training messages
// as everyday appeals. It is a second pair of eyes for the rules: a case the
// rules leave below 紧急 is raised when the model is sure enough (docs/rules.md).
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { Type } from '@sinclair/typebox'
import { parseDataFile } from '@hotline-hub/platform'
import { messageText } from '../topic/dataset.ts'
import { DEFAULT_TOPIC_PARAMS } from '../topic/params.ts'
import { defaultDataDir, PACKAGE_ROOT } from '../topic/paths.ts'
import { trainTopicModel } from '../topic/train.ts'
import { saveTopicModel } from '../topic/artifact.ts'
import { URGENCY_LABELS, DEFAULT_URGENCY_MODELS_DIR } from '../classify/urgency-backstop.ts'
import { fail } from './args.ts'

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    'data-dir': { type: 'string' },
    negatives: { type: 'string' },
    out: { type: 'string' },
  },
})
const casesFile = values.cases ?? join(PACKAGE_ROOT, 'test', 'fixtures', 'urgency-cases.yaml')
const trainPath = join(values['data-dir'] ?? defaultDataDir(), 'messages.train.jsonl')
const negatives = Number(values.negatives ?? 1500)
if (!existsSync(casesFile)) fail(`labelled urgency cases not found: ${casesFile}`)
if (!existsSync(trainPath)) fail(`training data not found: ${trainPath} (set --data-dir or HOTLINE_TIPDM_DIR)`)

const Cases = Type.Object({ cases: Type.Array(Type.Object({ text: Type.String(), urgency: Type.String() })) })
const labelled = parseDataFile(readFileSync(casesFile, 'utf8'), Cases, casesFile).cases
const everyday = readFileSync(trainPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, negatives)
  .map((l) => JSON.parse(l) as { subject?: string | null; body?: string | null })
  .map((m) => messageText(m.subject, m.body))
const examples = [
  ...labelled.map((c) => ({ text: c.text, label: c.urgency === '紧急' ? URGENCY_LABELS[0] : URGENCY_LABELS[1], source: 'cases' })),
  ...everyday.map((text) => ({ text, label: URGENCY_LABELS[1], source: 'tipdm-train' })),
]
// The topic model's features exactly, so that a case is segmented and counted once for both.
const params = DEFAULT_TOPIC_PARAMS
const model = trainTopicModel({ examples, dev: [], params, labels: [...URGENCY_LABELS], feedbackReplaced: 0, feedbackAdded: 0 })
const saved = saveTopicModel(model.data, values.out ?? DEFAULT_URGENCY_MODELS_DIR, { setCurrent: true })
console.log(`urgency backstop ${saved.version}: ${examples.length} texts (${labelled.filter((c) => c.urgency === '紧急').length} 紧急), trained in ${model.data.training.seconds} s`)
console.log(`artifact ${relative(process.cwd(), saved.headerPath)}: ${(saved.bytes / 1e6).toFixed(2)} MB; CURRENT → ${saved.version}`)
