import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export interface CreateMetricsOptions {
  /** Prefix of every metric name. Default `hotline_`. */
  prefix?: string
  /** Labels on every series, e.g. `{ process: 'hub' }`. */
  defaultLabels?: Record<string, string>
  /** Collect Node's default metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean
}

/** Default metric name prefix. */
export const DEFAULT_PREFIX = 'hotline_'

/** Seconds. From 5 ms (a cache hit) to 10 s (a stuck request). */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

export type HttpLabel = 'method' | 'route' | 'status'

/**
 * The metrics of one process: a prom-client Registry (never prom-client's
 * global one) and helpers for other libraries to register theirs in it. The
 * helpers are idempotent: asking twice for the same name returns the metric
 * already registered (with the first call's labels and buckets), so two
 * plugins can share a counter. Names get the prefix: `counter('x_total')`
 * registers `hotline_x_total`.
 */
export interface Metrics {
  readonly registry: Registry
  readonly prefix: string
  /** `<prefix>http_request_duration_seconds{method, route, status}`. */
  readonly httpRequestDuration: Histogram<HttpLabel>
  counter<L extends string = string>(name: string, help: string, labelNames?: readonly L[]): Counter<L>
  gauge<L extends string = string>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>
  histogram<L extends string = string>(name: string, help: string, labelNames?: readonly L[], buckets?: readonly number[]): Histogram<L>
  /** The Prometheus text exposition of the registry. */
  render(): Promise<string>
  /** `Content-Type` of {@link render}'s output. */
  readonly contentType: string
}

/** A new Registry for the process, with Node's default metrics and the HTTP histogram. */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  const registry = new Registry()
  if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels)
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix })
  return metricsOn(registry, prefix)
}

/**
 * The helpers over an existing Registry (for code that was handed a Registry,
 * e.g. a service's context). Registers the HTTP histogram if it is missing.
 */
export function metricsOn(registry: Registry, prefix: string = DEFAULT_PREFIX): Metrics {
  function existing<M>(fullName: string, kind: string): M | undefined {
    const metric = registry.getSingleMetric(fullName)
    if (metric === undefined) return undefined
    const type = (metric as unknown as { type?: string }).type
    if (type !== kind) throw new Error(`metric ${fullName} is already registered as a ${type}, not a ${kind}`)
    return metric as M
  }
  const counter: Metrics['counter'] = (name, help, labelNames = []) =>
    existing(prefix + name, 'counter') ?? new Counter({ name: prefix + name, help, labelNames, registers: [registry] })
  const gauge: Metrics['gauge'] = (name, help, labelNames = []) =>
    existing(prefix + name, 'gauge') ?? new Gauge({ name: prefix + name, help, labelNames, registers: [registry] })
  const histogram: Metrics['histogram'] = (name, help, labelNames = [], buckets = HTTP_DURATION_BUCKETS) =>
    existing(prefix + name, 'histogram') ??
    new Histogram({ name: prefix + name, help, labelNames, buckets: [...buckets], registers: [registry] })

  return {
    registry,
    prefix,
    contentType: registry.contentType,
    counter,
    gauge,
    histogram,
    render: () => registry.metrics(),
    httpRequestDuration: histogram<HttpLabel>(
      'http_request_duration_seconds',
      'HTTP request duration in seconds, by method, route pattern and status code',
      ['method', 'route', 'status'],
    ),
  }
}

/** Accepts either form, so callers holding only a Registry can use the helpers. */
export function toMetrics(target: Metrics | Registry, prefix?: string): Metrics {
  return 'httpRequestDuration' in target ? target : metricsOn(target, prefix)
}
