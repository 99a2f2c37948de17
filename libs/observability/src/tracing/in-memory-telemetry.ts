import { trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace'
import { becomeOwner, once, registerContextAndPropagation, releaseGlobals, takeOverGlobals, type TelemetryOwner } from './telemetry-globals.ts'

/** An InMemorySpanExporter whose spans stay readable after shutdown (the SDK's clears them). */
export class RetainingInMemorySpanExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    this._stopped = true
    return Promise.resolve()
  }
}

export interface InMemoryTelemetry {
  /** Receives every span as soon as it ends (SimpleSpanProcessor); keeps them after shutdown. */
  exporter: InMemorySpanExporter
  provider: TracerProvider
  /** The finished spans so far. */
  spans(): ReadableSpan[]
  /** Forgets the finished spans. */
  reset(): void
  /** Stops the provider and frees the globals. Idempotent. */
  shutdown(): Promise<void>
}

/**
 * Tracing for tests: a tracer provider exporting to memory, registered as the
 * global one with the AsyncLocalStorage context manager and the W3C
 * propagator. Calling it again in the same process stops the previous one
 * (whose exporter then receives nothing more, but keeps what it has) and
 * takes over.
 */
export function inMemoryTelemetry(): InMemoryTelemetry {
  takeOverGlobals()
  const exporter = new RetainingInMemorySpanExporter()
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  trace.setGlobalTracerProvider(provider)
  registerContextAndPropagation()
  const owner: TelemetryOwner = {
    stop: once(async () => {
      await provider.forceFlush()
      await provider.shutdown()
    }),
  }
  becomeOwner(owner)
  return {
    exporter,
    provider,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: () => releaseGlobals(owner),
  }
}
