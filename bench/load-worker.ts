/**
 * The load generator of `pnpm bench:intake`, in a process of its own so that
 * it does not share an event loop with the server it measures. It runs
 * autocannon against one URL with realistic case bodies, each request with
 * an external id of its own, and prints autocannon's result as one JSON line.
 *
 *   node --import tsx bench/load-worker.ts '<json config>'
 *
 * Config: { url, path, seconds, connections, pipelining?, rate?, headers,
 *           payloadFile (NDJSON of case bodies), run (externalId prefix) }
 */
import { readFileSync } from 'node:fs'
import autocannonImport from 'autocannon'

interface WorkerConfig {
  url: string
  path: string
  seconds: number
  connections: number
  pipelining?: number
  /** Requests per second across all connections; absent: as fast as the server answers. */
  rate?: number
  headers: Record<string, string>
  payloadFile: string
  run: string
}

// autocannon ships no types; this is the part of its API used here.
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: Record<string, unknown>) => void) => unknown
const autocannon = autocannonImport as unknown as Autocannon

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig
const templates = readFileSync(config.payloadFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>)
if (templates.length === 0) throw new Error(`no payloads in ${config.payloadFile}`)

let n = 0
/** A new body for every request: the next template, with an external id never used before. */
function nextBody(): string {
  const template = templates[n % templates.length]!
  n++
  return JSON.stringify({ ...template, externalId: `${config.run}-${process.pid}-${n}` })
}

const result = await new Promise<Record<string, unknown>>((resolve, reject) =>
  autocannon(
    {
      url: config.url,
      connections: config.connections,
      pipelining: config.pipelining ?? 1,
      duration: config.seconds,
      ...(config.rate ? { overallRate: config.rate } : {}),
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: config.path,
          headers: { 'content-type': 'application/json', ...config.headers },
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: nextBody() }),
        },
      ],
    },
    (err, res) => (err ? reject(err) : resolve(res)),
  ),
)
process.stdout.write(`${JSON.stringify({ ...result, bodiesBuilt: n })}\n`)
