import { randomUUID } from 'node:crypto'
import type { EventEnvelope } from './envelope.ts'
import { topicTypeVersion } from './events.ts'

/** Builds an envelope for a topic; the bus adds `traceparent` when it is produced. */
export function makeEnvelope<T>(
  topic: string,
  init: { source: string; caseId: string | null; data: T; occurredAt?: Date; id?: string },
): EventEnvelope<T> {
  const { type, version } = topicTypeVersion(topic)
  return {
    id: init.id ?? randomUUID(),
    type,
    version,
    occurredAt: (init.occurredAt ?? new Date()).toISOString(),
    source: init.source,
    caseId: init.caseId,
    data: init.data,
  }
}
