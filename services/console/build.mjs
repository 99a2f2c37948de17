#!/usr/bin/env node
// Builds the console into dist/: one script bundle (ECharts included, no CDN),
// the stylesheet and index.html. Prints each file's size against its budget
// and fails when one is over, so the console stays fast on an office PC.
//   node services/console/build.mjs [--quiet]
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, 'dist')
const quiet = process.argv.includes('--quiet')

/** Budgets in KiB: raw and gzipped. ECharts (line + bar + canvas) is most of the script. */
const BUDGETS = {
  'app.js': { raw: 900, gzip: 300 },
  'app.css': { raw: 24, gzip: 6 },
  'index.html': { raw: 2, gzip: 1 },
}

const t0 = performance.now()
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })
await build({
  entryPoints: [join(here, 'src/app/main.ts')],
  outfile: join(dist, 'app.js'),
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['chrome109', 'edge109', 'firefox115'],
  legalComments: 'linked',
  charset: 'utf8',
  logLevel: 'warning',
})
copyFileSync(join(here, 'static/app.css'), join(dist, 'app.css'))
copyFileSync(join(here, 'static/index.html'), join(dist, 'index.html'))

let over = 0
const kib = (n) => (n / 1024).toFixed(1)
const lines = []
for (const [file, budget] of Object.entries(BUDGETS)) {
  const raw = statSync(join(dist, file)).size
  const gz = gzipSync(readFileSync(join(dist, file))).length
  const ok = raw <= budget.raw * 1024 && gz <= budget.gzip * 1024
  if (!ok) over++
  lines.push(`  ${ok ? 'ok  ' : 'OVER'} ${file.padEnd(11)} ${kib(raw).padStart(7)} KiB (budget ${budget.raw})   gzip ${kib(gz).padStart(6)} KiB (budget ${budget.gzip})`)
}
if (!quiet || over) {
  console.log(`console: built ${dist} in ${Math.round(performance.now() - t0)} ms`)
  console.log(lines.join('\n'))
}
if (over) {
  console.error(`console: ${over} file(s) over budget`)
  process.exit(1)
}
