import type { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { toMetrics, type Metrics } from './create-metrics.ts'

/** Seconds from 1 ms to 30 s: time spent handling one event. */
export const BUS_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30] as const

/**
 * The event bus's metrics (log table or Kafka alike). Matches the
 * `BusMetrics` interface of @hotline-hub/bus, plus lag and handler time.
 */
export interface BusMetrics {
  /** `<prefix>bus_events_published_total{topic}`: events written to the outbox / log. */
  published: Counter<'topic'>
  /** `<prefix>bus_events_relayed_total{topic}`: outbox rows sent to Kafka by the relay. */
  relayed: Counter<'topic'>
  /** `<prefix>bus_events_consumed_total{topic, group, duplicate}`: events applied; `duplicate` is `true` for an event id already processed. */
  consumed: Counter<'topic' | 'group' | 'duplicate'>
  /** `<prefix>bus_events_dead_lettered_total{topic, group}`: events moved to `<topic>.dlq`. */
  deadLettered: Counter<'topic' | 'group'>
  /** `<prefix>bus_consumer_lag{topic, group, partition}`: events in the log the group has not consumed yet. */
  consumerLag: Gauge<'topic' | 'group' | 'partition'>
  /** `<prefix>bus_handler_duration_seconds{topic, group}`: time in the event handler. */
  handlerDuration: Histogram<'topic' | 'group'>
}

/** Registers (or returns, when already registered) the bus metrics. */
export function busMetrics(target: Metrics | Registry, prefix?: string): BusMetrics {
  const m = toMetrics(target, prefix)
  return {
    published: m.counter('bus_events_published_total', 'Events published to the event log', ['topic']),
    relayed: m.counter('bus_events_relayed_total', 'Outbox events relayed to the broker', ['topic']),
    consumed: m.counter('bus_events_consumed_total', 'Events applied by a consumer group', ['topic', 'group', 'duplicate']),
    deadLettered: m.counter('bus_events_dead_lettered_total', 'Events moved to the dead-letter topic', ['topic', 'group']),
    consumerLag: m.gauge('bus_consumer_lag', 'Events in the log not yet consumed by the group', ['topic', 'group', 'partition']),
    handlerDuration: m.histogram('bus_handler_duration_seconds', 'Time spent in the event handler, in seconds', ['topic', 'group'], BUS_DURATION_BUCKETS),
  }
}
