/**
 * The baseline of `pnpm bench:intake`: a bare Fastify server with one route,
 * POST /api/v1/cases, that validates the body against the same JSON Schema
 * as intake's canonical route (CaseInputBody, with the platform's strict
 * body validator) and answers 201. No database, no log, no auth.
 *
 *   PORT=<port> node --import tsx bench/bare-route.ts
 */
import { createRequire } from 'node:module'
import { randomUUID } from 'node:crypto'
import { installValidators } from '../libs/platform/src/validators.ts'
import { CaseInputBody } from '../services/intake/src/routes/case-input-schema.ts'

// fastify is a dependency of the workspace packages, not of the root: resolve it where they do.
const require = createRequire(new URL('../libs/platform/package.json', import.meta.url))
type App = Parameters<typeof installValidators>[0]
const Fastify = ((await import(require.resolve('fastify'))) as { default: (opts: object) => App }).default

const app = Fastify({ logger: false, bodyLimit: 262144 })
installValidators(app)
app.post('/api/v1/cases', { schema: { body: CaseInputBody } }, async (_request: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) =>
  reply.code(201).send({ id: randomUUID(), status: 'received' }),
)
app.get('/healthz', async () => ({ status: 'ok' }))
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
process.stdout.write(`bare route listening on ${Number(process.env.PORT ?? 0)}\n`)
const stop = () => void app.close().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
