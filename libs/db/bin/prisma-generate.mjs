#!/usr/bin/env node
/**
 * Runs `prisma generate` for one schema.prisma without the network.
 *
 *   node libs/db/bin/prisma-generate.mjs services/intake/prisma/schema.prisma [--if-changed]
 *
 * The Prisma 7 CLI insists on a native schema engine, which it downloads from
 * a vendor CDN that these machines cannot reach. Generation itself does not
 * use that engine (the client is generated in JS; its query compiler is wasm
 * shipped in @prisma/client), so PRISMA_SCHEMA_ENGINE_BINARY points at a stub
 * that fails loudly if anything ever calls it. Telemetry and update checks are
 * turned off. A prisma.config.ts beside the schema is used when present.
 *
 * --if-changed: skip when the output folder was generated from the same
 * schema text by the same Prisma version (marker file .schema.sha256).
 *
 * Exits non-zero with a message naming the schema when generation fails,
 * times out (120 s) or leaves no client.ts in the output folder.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const TIMEOUT_MS = 120_000

class GenerateError extends Error {}

function resolveFrom(dirs, request) {
  for (const dir of dirs) {
    try {
      return createRequire(path.join(dir, 'noop.js')).resolve(request)
    } catch {
      // try the next folder
    }
  }
  throw new GenerateError(`cannot find ${request} (looked from ${dirs.join(', ')}); run pnpm install`)
}

/** The generator output folders declared in the schema, absolute. */
function generatorOutputs(schemaPath, schemaText) {
  const require = createRequire(path.join(here, '..', 'package.json'))
  const wasm = require('@prisma/prisma-schema-wasm')
  let config
  try {
    config = JSON.parse(
      wasm.get_config(
        JSON.stringify({
          prismaSchema: [[path.basename(schemaPath), schemaText]],
          datasourceOverrides: {},
          ignoreEnvVarErrors: true,
          env: {},
        }),
      ),
    )
  } catch (err) {
    throw new GenerateError(`${schemaPath} is not a valid Prisma schema:\n${String(err?.message ?? err)}`)
  }
  if (config.errors?.length) {
    throw new GenerateError(`${schemaPath} is not a valid Prisma schema:\n${config.errors.map((e) => e.message).join('\n')}`)
  }
  const outputs = config.config.generators.map((g) => {
    if (!g.output?.value) throw new GenerateError(`generator "${g.name}" in ${schemaPath} needs an output folder (Prisma 7 prisma-client generator)`)
    return path.resolve(path.dirname(schemaPath), g.output.value)
  })
  if (outputs.length === 0) throw new GenerateError(`${schemaPath} has no generator block`)
  return outputs
}

/** An executable that stands in for the schema engine and refuses to work. */
function engineStub() {
  const dir = path.join(os.tmpdir(), `hotline-hub-prisma-${process.getuid?.() ?? 'user'}`)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'schema-engine-stub')
  const body =
    '#!/bin/sh\n' +
    'echo "hotline-hub: the Prisma schema engine is not available on this machine (stub $0 called with: $*)." >&2\n' +
    'echo "Use migrate() from @hotline-hub/db for migrations; prisma generate does not need the engine." >&2\n' +
    'exit 1\n'
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== body) {
    const tmp = `${file}.${process.pid}`
    fs.writeFileSync(tmp, body, { mode: 0o755 })
    fs.renameSync(tmp, file)
  }
  return file
}

/**
 * Generates the client(s) of one schema. Returns the output folders.
 * Throws GenerateError with a readable message on any failure.
 */
export function generatePrismaClient(schemaArg, { ifChanged = false, quiet = false } = {}) {
  const schemaPath = path.resolve(schemaArg)
  if (!fs.existsSync(schemaPath)) throw new GenerateError(`schema file not found: ${schemaPath}`)
  const schemaDir = path.dirname(schemaPath)
  const schemaText = fs.readFileSync(schemaPath, 'utf8')
  const outputs = generatorOutputs(schemaPath, schemaText)

  const lookFrom = [schemaDir, path.join(here, '..')]
  const prismaPkgPath = resolveFrom(lookFrom, 'prisma/package.json')
  const prismaPkg = JSON.parse(fs.readFileSync(prismaPkgPath, 'utf8'))
  const cli = path.join(path.dirname(prismaPkgPath), prismaPkg.bin?.prisma ?? 'build/index.js')
  const configPath = path.join(schemaDir, 'prisma.config.ts')
  const hasConfig = fs.existsSync(configPath)
  const marker = createHash('sha256')
    .update(`prisma ${prismaPkg.version}\n`)
    .update(hasConfig ? fs.readFileSync(configPath) : '')
    .update(schemaText)
    .digest('hex')

  const markerFile = (out) => path.join(out, '.schema.sha256')
  const isCurrent = (out) =>
    fs.existsSync(path.join(out, 'client.ts')) && fs.existsSync(markerFile(out)) && fs.readFileSync(markerFile(out), 'utf8').trim() === marker
  if (ifChanged && outputs.every(isCurrent)) {
    if (!quiet) console.log(`prisma client for ${path.relative(process.cwd(), schemaPath)} is up to date`)
    return outputs
  }

  const args = [cli, 'generate', ...(hasConfig ? ['--config', configPath] : ['--schema', schemaPath])]
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: engineStub(),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    PRISMA_GENERATE_SKIP_AUTOINSTALL: '1',
  }
  const started = Date.now()
  const run = spawnSync(process.execPath, args, {
    cwd: schemaDir,
    env,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim()
  if (run.error || run.status !== 0) {
    const why = run.error?.code === 'ETIMEDOUT' ? `timed out after ${TIMEOUT_MS / 1000} s` : run.error ? run.error.message : `exit code ${run.status}`
    throw new GenerateError(`prisma generate FAILED for ${schemaPath} (${why}):\n${output}`)
  }
  for (const out of outputs) {
    const client = path.join(out, 'client.ts')
    if (!fs.existsSync(client) || fs.statSync(client).mtimeMs < started - 1000) {
      throw new GenerateError(`prisma generate reported success for ${schemaPath} but wrote no ${client}:\n${output}`)
    }
    fs.writeFileSync(markerFile(out), `${marker}\n`)
  }
  if (!quiet) console.log(output)
  return outputs
}

function main(argv) {
  const ifChanged = argv.includes('--if-changed')
  const quiet = argv.includes('--quiet')
  const schemas = argv.filter((a) => !a.startsWith('--'))
  if (schemas.length === 0) {
    console.error('usage: prisma-generate.mjs <schema.prisma>... [--if-changed] [--quiet]')
    return 2
  }
  try {
    for (const schema of schemas) generatePrismaClient(schema, { ifChanged, quiet })
    return 0
  } catch (err) {
    console.error(err instanceof GenerateError ? err.message : err)
    return 1
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
