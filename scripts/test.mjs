#!/usr/bin/env node
// Runs every test file of the workspace in one tap run, then prints the
// plain closing line `N passed, N failed` that CI reads.
// Extra arguments are passed to tap (e.g. a file list to run a subset).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const files = process.argv.slice(2)
const targets = files.length
  ? files
  : ['libs/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'tests/**/*.test.ts']

// The console's pages: the hub serves them and the browser suites drive them.
await runNode(['services/console/build.mjs', '--quiet'])

if (!existsSync('.tap/plugins')) {
  // tap compiles its plugin list once per install (TOOLCHAIN.md).
  await run(['build'], false)
}
// Most suites wait on PostgreSQL, Kafka or a browser more than on the CPU: one more job than cores.
const jobs = process.env.TEST_JOBS || '3'
const { code, output } = await run(['--reporter=tap', `--jobs=${jobs}`, ...targets], true)

let { passed, failed, skipped } = countAssertions(output)
if (code !== 0 && failed === 0) failed = 1 // tap failed without a counted failure (crash, timeout)
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
process.exit(code === 0 && failed === 0 ? 0 : 1)

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' })
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}`))))
  })
}

function run(args, capture) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', 'tap', ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] })
    let output = ''
    child.stdout?.on('data', (d) => {
      output += d
      process.stdout.write(d)
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
