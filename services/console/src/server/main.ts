import type { FastifyInstance } from 'fastify'
import { startupMessage } from '@hotline-hub/platform'
import { loadConsoleConfig, upstreamUrls, type ConsoleConfig } from './config.ts'
import { buildConsoleServer } from './proxy-server.ts'

/**
 * Distributed mode: the console in its own process, serving its files and
 * forwarding /api to intake, classifier and escalation. Like the services'
 * main: a bad variable ends the process with a plain list of them (exit 78),
 * any other start-up failure with one line (exit 69), never a stack trace.
 */
let config: ConsoleConfig
let app: FastifyInstance
try {
  config = loadConsoleConfig(process.env)
  app = await buildConsoleServer(config)
  await app.listen({ port: config.CONSOLE_PORT, host: config.HOST })
} catch (err) {
  process.stderr.write(`${startupMessage('console', err)}\n`)
  process.exit((err as Error)?.name === 'ConfigError' ? 78 : 69)
}
app.log.info({ upstreams: upstreamUrls(config) }, 'forwarding /api to the services')

let closing = false
/** Stops taking requests and ends open live streams; gives up after SHUTDOWN_TIMEOUT_MS. */
function shutdown(signal: NodeJS.Signals): void {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  const deadline = setTimeout(() => {
    app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'did not close in time, exiting')
    process.exit(1)
  }, config.SHUTDOWN_TIMEOUT_MS)
  app.close().then(
    () => {
      clearTimeout(deadline)
      process.exit(0)
    },
    (err: unknown) => {
      app.log.error({ err }, 'close failed')
      process.exit(1)
    },
  )
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
