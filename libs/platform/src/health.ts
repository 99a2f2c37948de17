import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { CheckResult } from './service.ts'

export interface HealthOptions {
  /** Named readiness probes, e.g. { intake: () => …, classifier: () => … }. */
  readiness: Record<string, () => Promise<Record<string, CheckResult>>>
  /** Seconds clients should wait when not ready. */
  retryAfterSeconds?: number
}

/**
 * /healthz answers while the process lives; /readyz answers 200 only when
 * every service can reach its database and its log, else 503 + Retry-After.
 */
export const healthPlugin = fp(
  async function health(app: FastifyInstance, o: HealthOptions) {
    app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }))
    app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
      const services: Record<string, { ready: boolean; checks: Record<string, CheckResult> }> = {}
      await Promise.all(
        Object.entries(o.readiness).map(async ([name, probe]) => {
          let checks: Record<string, CheckResult>
          try {
            checks = await probe()
          } catch (err) {
            checks = { probe: { ok: false, detail: (err as Error).message } }
          }
          services[name] = { ready: Object.values(checks).every((c) => c.ok), checks }
        }),
      )
      const ready = Object.values(services).every((s) => s.ready)
      if (!ready) reply.code(503).header('retry-after', String(o.retryAfterSeconds ?? 5))
      return { status: ready ? 'ready' : 'not_ready', services }
    })
  },
  { name: 'hotline-health' },
)
