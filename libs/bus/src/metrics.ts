/** Counters the bus reports to; prom-client counters fit. */
export interface CounterLike {
  inc(labels: Record<string, string>, value?: number): void
}

export interface BusMetrics {
  published: CounterLike
  consumed: CounterLike
  deadLettered: CounterLike
  relayed: CounterLike
}
