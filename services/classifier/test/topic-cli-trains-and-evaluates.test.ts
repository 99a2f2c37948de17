import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { FIXTURE_PARAMS, writeFixtureDataDir } from './topic-fixture.ts'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'topic-cli-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const data = join(dir, 'data')
const models = join(dir, 'models')
const params = join(dir, 'params.json')
writeFixtureDataDir(data)
writeFileSync(params, JSON.stringify(FIXTURE_PARAMS))

function run(script: 'train' | 'eval', args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: pkg, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

t.test('train writes a versioned artifact, points CURRENT at it and prints the dev table', async (t) => {
  const feedback = join(dir, 'corrections.jsonl')
  writeFileSync(feedback, `${JSON.stringify({ caseId: 'c-1', text: '景区门票涨价还强制消费', label: '商贸旅游' })}\n`)
  const r = run('train', ['--data-dir', data, '--out', models, '--params', params, '--feedback', feedback])
  t.equal(r.code, 0, r.err)
  t.match(r.out, /training on 57 texts \(56 train; 1 corrections: 0 relabelled, 1 added\)/)
  const version = readFileSync(join(models, 'CURRENT'), 'utf8').trim()
  t.match(version, /^\d{8}-[0-9a-f]{10}$/)
  t.ok(existsSync(join(models, `topic-${version}.json`)) && existsSync(join(models, `topic-${version}.bin.gz`)))
  t.match(r.out, /macro-F1/)
  const header = JSON.parse(readFileSync(join(models, `topic-${version}.json`), 'utf8'))
  t.same(header.training.bySource, { train: 56, feedback: 1 })
})

t.test('eval --split dev prints the version, accuracy, macro-F1 and a row per label', async (t) => {
  const version = readFileSync(join(models, 'CURRENT'), 'utf8').trim()
  const r = run('eval', ['--split', 'dev', '--model', models, '--data-dir', data])
  t.equal(r.code, 0, r.err)
  t.match(r.out, new RegExp(`model\\s+${version}`))
  t.match(r.out, /accuracy\s+[01]\.\d{4}/)
  t.match(r.out, /macro-F1\s+[01]\.\d{4}/)
  for (const label of ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生']) {
    t.match(r.out, new RegExp(`${label}\\s+[01]\\.\\d{4}\\s+[01]\\.\\d{4}\\s+[01]\\.\\d{4}\\s+4`), label)
  }
  t.match(r.out, /cases\/s/)
  const json = run('eval', ['--split', 'dev', '--model', models, '--data-dir', data, '--json'])
  const parsed = JSON.parse(json.out)
  t.equal(parsed.version, version)
  t.equal(parsed.n, 28)
  t.equal(parsed.perClass.length, 7)
})

t.test('eval refuses a bad split, a missing split file and a missing model', async (t) => {
  const bad = run('eval', ['--split', 'train', '--model', models, '--data-dir', data])
  t.equal(bad.code, 2)
  t.match(bad.err, /--split must be dev or test/)
  const noTest = run('eval', ['--split', 'test', '--model', models, '--data-dir', data])
  t.equal(noTest.code, 1)
  t.match(noTest.err, /data not found/)
  const noModel = run('eval', ['--split', 'dev', '--model', join(dir, 'nowhere'), '--data-dir', data])
  t.equal(noModel.code, 1)
  t.match(noModel.err, /topic model not found/)
})

t.test('train --corrections-db takes the duty officers’ topic corrections from the system’s database', async (t) => {
  const { openDb, migrate } = await import('@hotline-hub/db')
  const dataDir = join(dir, 'pglite')
  const db = await openDb({ dataDir })
  await migrate(db, { schema: 'classifier', dir: join(pkg, 'migrations') })
  const { recordCorrection } = await import('../src/classify/corrections.ts')
  await db.transaction(async (tx) => {
    const c = { caseId: null, tag: 'topic' as const, by: 'user:1', role: 'duty_officer' }
    await recordCorrection(tx, { ...c, value: '环境保护' }, '河边有人偷倒建筑垃圾', null)
    await recordCorrection(tx, { ...c, value: '城乡建设' }, '河边有人偷倒建筑垃圾', null) // the later word wins
    await recordCorrection(tx, { ...c, value: '交通运输' }, '公交站台没有遮雨棚', null)
    await recordCorrection(tx, { ...c, tag: 'urgency', value: '紧急' }, '小区燃气味', null) // not a topic: not training data
  })
  await db.close()
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/train.ts', '--data-dir', data, '--out', join(dir, 'models-db'), '--params', params, '--corrections-db'], { cwd: pkg, encoding: 'utf8', timeout: 120_000, env })
  t.equal(r.status, 0, r.stderr)
  t.match(r.stdout, /2 topic corrections from the database/)
  t.match(r.stdout, /training on 58 texts \(56 train; 2 corrections: 0 relabelled, 2 added\)/)
  const empty = mkdtempSync(join(tmpdir(), 'topic-cli-empty-'))
  t.teardown(() => rmSync(empty, { recursive: true, force: true }))
  const none = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/train.ts', '--data-dir', data, '--out', join(dir, 'models-none'), '--params', params, '--corrections-db'], { cwd: pkg, encoding: 'utf8', timeout: 120_000, env: { ...env, DATA_DIR: empty } })
  t.equal(none.status, 1)
  t.match(none.stderr, /no classifier\.corrections table/)
})
