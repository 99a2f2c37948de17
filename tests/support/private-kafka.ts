/**
 * A Kafka broker of a test's own, started by infra/kafka.sh on free ports
 * with its own data folder, so that the test can stop and restart it while
 * the shared broker on 9092 keeps serving every other suite.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from './spawn.ts'

const run = promisify(execFile)

export interface PrivateKafka {
  brokers: string[]
  /** Starts the broker (again); resolves when it answers. */
  start(): Promise<void>
  /** Stops the broker started by this helper (its pid file only). */
  stop(): Promise<void>
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function privateKafka(): Promise<PrivateKafka> {
  const port = await freePort()
  let controller = await freePort()
  while (controller === port) controller = await freePort()
  const data = mkdtempSync(path.join(tmpdir(), 'hh-private-kafka-'))
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controller),
    HOTLINE_INFRA_DATA: data,
    KAFKA_HEAP_OPTS: '-Xmx384m -Xms64m',
  }
  const script = path.join(repoRoot, 'infra/kafka.sh')
  const kafka = async (command: 'start' | 'stop') => {
    try {
      await run('bash', [script, command], { env, cwd: repoRoot, timeout: 180_000 })
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string }
      throw new Error(`infra/kafka.sh ${command} (port ${port}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`)
    }
  }
  let disposed = false
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => kafka('start'),
    stop: () => kafka('stop'),
    async dispose() {
      if (disposed) return
      disposed = true
      try {
        await kafka('stop')
      } finally {
        rmSync(data, { recursive: true, force: true })
      }
    },
  }
}
