import { FastifyOtelInstrumentation } from '@fastify/otel'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { recordMaskedException } from './record-masked-exception.ts'

export interface TracingPluginOptions {
  /**
   * Requests not traced: a glob on the route URL (`/health/*`) or a predicate.
   * Default: none. (The /metrics route of metricsPlugin opts out itself.)
   */
  ignorePaths?: string | ((route: { url: string; method: string }) => boolean)
}

/**
 * Fastify request tracing, with @fastify/otel: `onRequest` extracts
 * `traceparent` from the request headers and opens a SERVER span
 * (`GET /cases/:id`, with http.route, method and status) that is the active
 * span while hooks and the handler run and ends with the response. So a
 * handler that writes an outbox event can take `currentTraceparent()`, and its
 * log lines carry the request's trace_id. Lifecycle hooks and handlers get no
 * spans of their own. An error is recorded on the span with phone and ID
 * numbers masked. Register it before the routes; a route opts out with
 * `config: { otel: false }`.
 *
 * Uses the global tracer provider: start telemetry (startTelemetry or
 * inMemoryTelemetry) before building the app.
 */
const tracingPluginImpl: FastifyPluginAsync<TracingPluginOptions> = async function tracingPlugin(app, options) {
  const instrumentation = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    instrumentHandler: false,
    recordExceptions: false,
    ...(options.ignorePaths === undefined ? {} : { ignorePaths: options.ignorePaths }),
    requestHook: (span, request) => {
      const route = request.routeOptions.url
      span.updateName(route === undefined ? request.method : `${request.method} ${route}`)
    },
  })
  await app.register(instrumentation.plugin())

  // @fastify/otel puts the raw error message in the span status; onSend runs
  // after every onError hook and before the span ends, so the masked version
  // recorded here is the one exported.
  const errors = new WeakMap<FastifyRequest, unknown>()
  app.addHook('onError', async (request, _reply, error) => {
    errors.set(request, error)
  })
  app.addHook('onSend', async (request, _reply, payload) => {
    if (errors.has(request)) {
      const otel = request.opentelemetry()
      if (otel.span != null) recordMaskedException(otel.span, errors.get(request))
    }
    return payload
  })
}

export const tracingPlugin = fp(tracingPluginImpl, { name: '@hotline-hub/observability/tracing', fastify: '5.x' })
