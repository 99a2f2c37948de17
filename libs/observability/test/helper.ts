import Fastify, { type FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { createLogger, type CreateLoggerOptions, type Logger } from '../src/index.ts'

/** A logger writing into memory; `lines()` returns the parsed JSON lines, `raw()` the text. */
export function capturedLogger(options: Partial<CreateLoggerOptions> = {}): { logger: Logger; lines(): Record<string, any>[]; raw(): string } {
  const chunks: string[] = []
  const logger = createLogger({ level: 'trace', name: 'test', ...options, destination: { write: (s: string) => void chunks.push(s) } })
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>),
  }
}

/** A Fastify app (no logger) closed at the end of the test; `build` registers plugins and routes before ready. */
export async function buildApp(t: Test, build: (app: FastifyInstance) => Promise<void> | void): Promise<FastifyInstance> {
  const app = Fastify()
  t.teardown(() => app.close())
  await build(app)
  await app.ready()
  return app
}

/** Listens on port 0 and returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}`
}
