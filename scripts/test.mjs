#!/usr/bin/env node
// Runs every test file of the workspace, then prints the plain closing line
// `N passed, N failed` that CI reads.
// Extra arguments are passed to tap (e.g. a file list to run a subset).
//
// Without arguments the suites run in two tap runs at once: the whole-system
// suites (tests/integration, tests/browser: processes, brokers, a browser) one
// at a time in their own lane from the start, and the libraries' and services'
// suites two at a time beside them. tap orders files by name, so in a single
// run the longest suites would all come last, one by one.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const files = process.argv.slice(2)
const jobs = Number(process.env.TEST_JOBS || '3')
/** A long service suite that runs in the one-at-a-time lane, to even the two lanes out. */
const BALANCE = ['services/escalation/test/stats-seed-002-vectors-through-the-consumer-in-both-modes.test.ts']
const lanes = files.length
  ? [{ name: 'tests', targets: files, jobs, live: true }]
  : [
      {
        name: 'libraries and services',
        targets: (await listTests(['libs/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'tests/unit/**/*.test.ts'])).filter((f) => !BALANCE.includes(f)),
        jobs: Math.max(1, jobs - 1),
        live: true,
      },
      { name: 'whole-system suites', targets: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts', ...BALANCE], jobs: 1, live: false },
    ]

// The console's pages: the hub serves them and the browser suites drive them.
await runNode(['services/console/build.mjs', '--quiet'])

if (!existsSync('.tap/plugins')) {
  // tap compiles its plugin list once per install (TOOLCHAIN.md).
  await run(['build'], false)
}
// Most suites wait on PostgreSQL, Kafka or a browser more than on the CPU: one more job than cores.
const results = await Promise.all(lanes.map((lane) => run(['--reporter=tap', `--jobs=${lane.jobs}`, ...lane.targets], true, lane.live)))
let passed = 0, failed = 0, skipped = 0, ok = true
results.forEach((r, i) => {
  if (!lanes[i].live) process.stdout.write(`\n# ${lanes[i].name}\n${r.output}`)
  const c = countAssertions(r.output)
  if (r.code !== 0 && c.failed === 0) c.failed = 1 // tap failed without a counted failure (crash, timeout)
  passed += c.passed
  failed += c.failed
  skipped += c.skipped
  ok &&= r.code === 0
})
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
process.exit(ok && failed === 0 ? 0 : 1)

/** The test files tap finds for these globs (`tap list`), in its order. */
function listTests(globs) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'tap', 'list', ...globs], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('close', (code) => (code === 0 ? resolve(out.split('\n').map((l) => l.trim()).filter(Boolean)) : reject(new Error(`tap list exited ${code}`))))
  })
}

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' })
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}`))))
  })
}

function run(args, capture, live = true) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', 'tap', ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] })
    let output = ''
    child.stdout?.on('data', (d) => {
      output += d
      if (live) process.stdout.write(d)
    })
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

/**
 * Counts the leaf test points (assertions and empty subtests) of a TAP
 * stream: a point whose preceding line sits deeper is the closing line of a
 * subtest and is not counted again. YAML diagnostics blocks are skipped.
 */
function countAssertions(tap) {
  let passed = 0, failed = 0, skipped = 0
  let lastIndent = -1
  let inYaml = false
  for (const line of tap.split('\n')) {
    if (!line.trim()) continue
    const indent = line.length - line.trimStart().length
    const text = line.trim()
    if (inYaml) { if (text === '...') inYaml = false; continue }
    if (text === '---') { inYaml = true; continue }
    const m = /^(not )?ok \d+/.exec(text)
    if (m) {
      const closer = lastIndent > indent
      if (!closer) {
        if (/# (SKIP|TODO)/i.test(text)) skipped++
        else if (m[1]) failed++
        else passed++
      } else if (m[1] && !/# (SKIP|TODO)/i.test(text) && failed === 0) {
        failed++ // a subtest failed without a failing assertion (crash, timeout)
      }
    }
    lastIndent = indent
  }
  return { passed, failed, skipped }
}
