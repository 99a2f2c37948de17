import { context, logs, propagation, trace, type TextMapPropagator } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core'

/**
 * One telemetry set-up owns the OpenTelemetry globals (tracer provider,
 * context manager, propagator) at a time. Starting another one (a second
 * `inMemoryTelemetry()` in the same test file) stops the previous one and
 * takes the globals over, instead of failing as the API's `setGlobal*` do.
 */
export interface TelemetryOwner {
  /** Flushes and stops the owner's provider and instrumentations. Idempotent. */
  stop(): Promise<void>
}

interface Slot {
  owner?: TelemetryOwner
}

const SLOT_KEY = Symbol.for('@hotline-hub/observability/telemetry-owner')

function slot(): Slot {
  const holder = globalThis as unknown as Record<symbol, Slot | undefined>
  holder[SLOT_KEY] ??= {}
  return holder[SLOT_KEY]
}

/** W3C `traceparent`/`tracestate` plus W3C `baggage`. */
export function w3cPropagator(): TextMapPropagator {
  return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] })
}

/** A fresh AsyncLocalStorage context manager, enabled. */
export function asyncContextManager(): AsyncLocalStorageContextManager {
  return new AsyncLocalStorageContextManager().enable()
}

function clearApiGlobals(): void {
  trace.disable()
  context.disable()
  propagation.disable()
  logs.disable()
}

/**
 * Frees the globals for a new owner: the current owner, if any, is stopped in
 * the background (its spans are flushed) and the API globals are cleared.
 */
export function takeOverGlobals(): void {
  const previous = slot().owner
  slot().owner = undefined
  clearApiGlobals()
  previous?.stop().catch(() => undefined)
}

export function becomeOwner(owner: TelemetryOwner): void {
  slot().owner = owner
}

/**
 * Shuts an owner down: clears the globals first (synchronously, so a set-up
 * started meanwhile is not undone) when it still owns them, then stops it.
 */
export async function releaseGlobals(owner: TelemetryOwner): Promise<void> {
  if (slot().owner === owner) {
    slot().owner = undefined
    clearApiGlobals()
  }
  await owner.stop()
}

/** Registers a context manager and the W3C propagator (the tracer provider is registered by the caller). */
export function registerContextAndPropagation(): void {
  context.setGlobalContextManager(asyncContextManager())
  propagation.setGlobalPropagator(w3cPropagator())
}

/** Runs `fn` once; later calls return the first call's promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  return () => (done ??= fn())
}
