import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { loadTopicModel, saveTopicModel, trainTopicModel, TopicArtifactError, TOPIC_MODEL_FORMAT } from '../src/topic/index.ts'
import { FIXTURE_PARAMS, fixtureTexts } from './topic-fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'topic-artifact-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const probes = ['小区物业乱收费，暖气也不热', '化工厂半夜排污，味道刺鼻', '公交站台被占', '學校組織有償補課', '', '!!!']

t.test('save then load gives the same model and the same answers', async (t) => {
  const model = trainTopicModel({ examples: fixtureTexts(8), dev: fixtureTexts(3, 4), params: FIXTURE_PARAMS })
  const saved = saveTopicModel(model.data, dir, { setCurrent: true })
  t.equal(readFileSync(join(dir, 'CURRENT'), 'utf8').trim(), model.version)
  t.ok(existsSync(saved.headerPath) && existsSync(saved.binaryPath))
  const header = JSON.parse(readFileSync(saved.headerPath, 'utf8'))
  t.equal(header.format, TOPIC_MODEL_FORMAT)
  t.equal(header.version, model.version)
  t.same(header.labels, [...model.labels])
  t.same(header.params, FIXTURE_PARAMS)
  t.ok(header.metrics.dev.macroF1 > 0, 'dev metrics in the header')
  t.equal(header.binary.encoding, 'int16')

  for (const loaded of [loadTopicModel(dir), loadTopicModel(saved.headerPath)]) {
    t.equal(loaded.version, model.version)
    for (const p of probes) {
      const a = model.predict(p)
      const b = loaded.predict(p)
      t.equal(b.label, a.label, p)
      t.same(b.because, a.because)
      for (let i = 0; i < a.top.length; i++) {
        t.equal(b.top[i]!.label, a.top[i]!.label)
        t.ok(Math.abs(b.top[i]!.p - a.top[i]!.p) < 1e-5, `p of ${a.top[i]!.label}`)
      }
    }
  }
})

t.test('the int16 table round-trips bit for bit', async (t) => {
  const sub = join(dir, 'exact')
  const model = trainTopicModel({ examples: fixtureTexts(8), params: FIXTURE_PARAMS })
  saveTopicModel(model.data, sub, { setCurrent: true })
  const loaded = loadTopicModel(sub).data.table
  const table = model.data.table
  t.same(Buffer.from(loaded.cells.buffer), Buffer.from(table.cells.buffer))
  t.same([loaded.idfScale, loaded.weightScales, loaded.bias, loaded.bits], [table.idfScale, table.weightScales, table.bias, table.bits])
})

t.test('a damaged or missing artifact is refused with a clear error', async (t) => {
  const sub = join(dir, 'bad')
  const model = trainTopicModel({ examples: fixtureTexts(4), params: FIXTURE_PARAMS })
  t.throws(() => loadTopicModel(sub), TopicArtifactError, 'no such directory')
  const saved = saveTopicModel(model.data, sub)
  t.throws(() => loadTopicModel(sub), { name: 'TopicArtifactError', message: /no CURRENT/ })
  const bin = readFileSync(saved.binaryPath)
  bin[bin.length - 10] = bin[bin.length - 10]! ^ 0xff
  writeFileSync(saved.binaryPath, bin)
  t.throws(() => loadTopicModel(saved.headerPath), { name: 'TopicArtifactError', message: /checksum/ })
  writeFileSync(join(sub, 'CURRENT'), '../../etc/passwd\n')
  t.throws(() => loadTopicModel(sub), { name: 'TopicArtifactError', message: /does not name a version/ })
})
