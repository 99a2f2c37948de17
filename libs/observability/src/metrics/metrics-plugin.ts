import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import { toMetrics, type Metrics } from './create-metrics.ts'

export interface MetricsPluginOptions {
  /** The process's metrics (from createMetrics), or just its Registry. */
  metrics?: Metrics
  registry?: Registry
  /** Prefix when only `registry` is given. Default `hotline_`. */
  prefix?: string
  /** Path of the scrape endpoint. Default `/metrics`. Not itself measured or traced. */
  path?: string
}

/** Route label of a request that matched no route, so unknown URLs cannot blow up the label set. */
export const UNMATCHED_ROUTE = '__unmatched__'

/**
 * Records every response in `http_request_duration_seconds{method, route,
 * status}` (route is the pattern, `/cases/:id`, never the raw URL) and serves
 * the registry at `GET /metrics` in the Prometheus text format.
 */
const metricsPluginImpl: FastifyPluginAsync<MetricsPluginOptions> = async function metricsPlugin(app, options) {
  const target = options.metrics ?? options.registry
  if (target === undefined) throw new Error('metricsPlugin needs `metrics` or `registry`')
  const metrics = toMetrics(target, options.prefix)
  const path = options.path ?? '/metrics'

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url
    if (route === path) return
    metrics.httpRequestDuration.observe(
      { method: request.method, route: route ?? UNMATCHED_ROUTE, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })

  app.get(path, { config: { otel: false }, logLevel: 'warn' }, async (_request, reply) => {
    reply.type(metrics.contentType)
    return metrics.render()
  })
}

export const metricsPlugin = fp(metricsPluginImpl, { name: '@hotline-hub/observability/metrics', fastify: '5.x' })
