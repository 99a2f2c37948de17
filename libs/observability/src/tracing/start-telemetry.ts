import { trace, type ProxyTracerProvider } from '@opentelemetry/api'
import { NodeSDK } from '@opentelemetry/sdk-node'
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { asyncContextManager, becomeOwner, once, releaseGlobals, takeOverGlobals, w3cPropagator, type TelemetryOwner } from './telemetry-globals.ts'

export interface StartTelemetryOptions {
  /** `service.name` of every span, e.g. `intake`. */
  serviceName: string
  /**
   * Where finished spans go:
   * - `none`: nowhere, but spans still exist, so trace ids reach logs, outgoing
   *   headers and event envelopes;
   * - `otlp`: OTLP over HTTP (JSON), batched, to {@link otlpUrl};
   * - `console`: printed to stdout, one by one (local debugging only);
   * - any SpanExporter, batched unless {@link batch} is `false`.
   */
  exporter: 'none' | 'otlp' | 'console' | SpanExporter
  /** Full traces URL for `otlp`, e.g. `http://collector:4318/v1/traces`. Default: the exporter's own default. */
  otlpUrl?: string
  /** Batch spans before export. Default: true for `otlp` and custom exporters, false for `console`. */
  batch?: boolean
  /**
   * Adds @opentelemetry/instrumentation-http: a SERVER span for each incoming
   * request and a CLIENT span with `traceparent` for each outgoing one (webhooks).
   * It patches `node:http` when that is required, so call startTelemetry before
   * Fastify or any HTTP client is loaded (an `--import` preload, or a dynamic
   * import of the app afterwards). Default false: the Fastify tracingPlugin
   * already opens the request span.
   */
  instrumentHttp?: boolean
}

export interface Telemetry {
  /** Exports the spans ended so far (resource detection can delay them). */
  forceFlush(): Promise<void>
  /** Flushes pending spans, stops instrumentations and frees the globals. Idempotent. */
  shutdown(): Promise<void>
}

/**
 * Starts OpenTelemetry tracing for the process with the NodeSDK: a tracer
 * provider, the AsyncLocalStorage context manager and the W3C trace-context
 * (+ baggage) propagator. No OpenTelemetry metrics or logs: metrics are
 * prom-client's, logs are pino's. Starting again replaces the previous set-up.
 */
export function startTelemetry(options: StartTelemetryOptions): Telemetry {
  takeOverGlobals()
  const instrumentations: HttpInstrumentation[] = options.instrumentHttp === true ? [new HttpInstrumentation()] : []
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    contextManager: asyncContextManager(),
    textMapPropagator: w3cPropagator(),
    spanProcessors: [spanProcessorFor(options)],
    // No OTel metrics or logs: otherwise the SDK builds OTLP exporters from OTEL_* defaults.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations,
  })
  sdk.start()
  // NodeSDK does not expose its provider, and its shutdown drops spans still
  // waiting for resource detection: flush them first.
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as Partial<Flushable>
  const forceFlush = async (): Promise<void> => {
    await provider.forceFlush?.()
  }
  const owner: TelemetryOwner = {
    stop: once(async () => {
      for (const instrumentation of instrumentations) instrumentation.disable()
      await forceFlush()
      await sdk.shutdown()
    }),
  }
  becomeOwner(owner)
  return { forceFlush, shutdown: () => releaseGlobals(owner) }
}

interface Flushable {
  forceFlush(): Promise<void>
}

function spanProcessorFor(options: StartTelemetryOptions): SpanProcessor {
  const { exporter } = options
  if (exporter === 'none') return new NoopSpanProcessor()
  if (exporter === 'console') {
    return options.batch === true ? new BatchSpanProcessor({ exporter: new ConsoleSpanExporter() }) : new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() })
  }
  const spanExporter = exporter === 'otlp' ? new OTLPTraceExporter(options.otlpUrl === undefined ? {} : { url: options.otlpUrl }) : exporter
  return options.batch === false ? new SimpleSpanProcessor({ exporter: spanExporter }) : new BatchSpanProcessor({ exporter: spanExporter })
}
