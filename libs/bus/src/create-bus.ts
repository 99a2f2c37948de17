import type { Db } from '@hotline-hub/db'
import { KafkaBus } from './kafka-bus.ts'
import { LogBus } from './log-bus.ts'
import type { BusLogger } from './logger.ts'
import type { BusMetrics } from './metrics.ts'
import type { Bus } from './types.ts'

export interface CreateBusOptions {
  db: Db
  /** Kafka brokers; empty or absent means the log table. */
  kafkaBrokers?: string[]
  clientId: string
  topicPrefix?: string
  logger?: BusLogger
  metrics?: BusMetrics
}

/** Picks the bus: Kafka when brokers are configured, the log table otherwise. */
export function createBus(o: CreateBusOptions): Bus {
  if (o.kafkaBrokers && o.kafkaBrokers.length > 0)
    return new KafkaBus({ db: o.db, brokers: o.kafkaBrokers, clientId: o.clientId, topicPrefix: o.topicPrefix, logger: o.logger, metrics: o.metrics })
  return new LogBus({ db: o.db, logger: o.logger, metrics: o.metrics })
}
