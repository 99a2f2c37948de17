import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/prisma-generate.mjs')

const SCHEMA = `
generator client {
  provider            = "prisma-client"
  output              = "./generated/prisma"
  moduleFormat        = "esm"
  importFileExtension = "ts"
}

datasource db {
  provider = "postgresql"
  schemas  = ["gen"]
}

model Thing {
  id String @id @db.Uuid
  @@schema("gen")
}
`

/** Is `unshare -n` (a network namespace with no network) usable here? */
const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0

function run(args: string[]) {
  // Proxies that lead nowhere, and no network at all where unshare works:
  // generation must not need the network.
  const env = { ...process.env, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' }
  const [cmd, argv] = canUnshare ? ['unshare', ['-n', process.execPath, script, ...args]] : [process.execPath, [script, ...args]]
  const r = spawnSync(cmd, argv as string[], { encoding: 'utf8', env, timeout: 150_000 })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

function schemaFile(t: Test, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-gen-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'schema.prisma')
  fs.writeFileSync(file, text)
  return file
}

t.test('generates a client without the network', async (t) => {
  if (!canUnshare) t.comment('unshare -n is not available: running with dead proxies only')
  const file = schemaFile(t, SCHEMA)
  const first = run([file])
  t.equal(first.status, 0, first.out)
  t.match(first.out, /Generated Prisma Client/)
  const out = path.join(path.dirname(file), 'generated', 'prisma')
  t.ok(fs.existsSync(path.join(out, 'client.ts')), 'client.ts written')
  t.ok(fs.existsSync(path.join(out, 'models', 'Thing.ts')), 'model written')

  const again = run([file, '--if-changed'])
  t.equal(again.status, 0)
  t.match(again.out, /is up to date/, '--if-changed skips an unchanged schema')

  fs.appendFileSync(file, '\nmodel Other {\n  id Int @id\n  @@schema("gen")\n}\n')
  const changed = run([file, '--if-changed'])
  t.equal(changed.status, 0, changed.out)
  t.ok(fs.existsSync(path.join(out, 'models', 'Other.ts')), '--if-changed regenerates a changed schema')
})

t.test('fails loudly, naming the schema', async (t) => {
  const broken = schemaFile(t, SCHEMA.replace('@db.Uuid', '@db.Uuidd'))
  const r1 = run([broken])
  t.equal(r1.status, 1)
  t.match(r1.out, `prisma generate FAILED for ${broken}`)
  t.match(r1.out, /Native type Uuidd is not supported/, 'with Prisma\'s own explanation')

  const unparsable = schemaFile(t, 'model {')
  const r0 = run([unparsable])
  t.equal(r0.status, 1)
  t.match(r0.out, `${unparsable} is not a valid Prisma schema`)

  const noOutput = schemaFile(t, SCHEMA.replace('  output              = "./generated/prisma"\n', ''))
  const r2 = run([noOutput])
  t.equal(r2.status, 1)
  t.match(r2.out, /needs an output folder/)

  const r3 = run([path.join(os.tmpdir(), 'no-such-dir', 'schema.prisma')])
  t.equal(r3.status, 1)
  t.match(r3.out, /schema file not found/)

  const r4 = run([])
  t.equal(r4.status, 2)
  t.match(r4.out, /usage:/)
})
