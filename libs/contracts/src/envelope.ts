import { Type, type Static } from '@sinclair/typebox'

/**
 * The envelope every event travels in, on the log table and on Kafka alike.
 * Validated when produced and again when consumed.
 */
export const EventEnvelopeSchema = Type.Object(
  {
    /** Unique event id (UUID); consumers deduplicate on it. */
    id: Type.String({ format: 'uuid' }),
    /** Event type, e.g. `case.received`. */
    type: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_.-]*$' }),
    /** Schema version of `data`. */
    version: Type.Integer({ minimum: 1 }),
    occurredAt: Type.String({ format: 'date-time' }),
    /** Producing service, e.g. `intake`. */
    source: Type.String({ minLength: 1, maxLength: 64 }),
    /** The case the event is about, or null for events that are not about one case. */
    caseId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
    /** W3C trace context of the producing span. */
    traceparent: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
    ),
    data: Type.Unknown(),
  },
  { $id: 'https://hotline-hub/schemas/event-envelope.json', additionalProperties: false },
)

export type EventEnvelope<T = unknown> = Omit<Static<typeof EventEnvelopeSchema>, 'data'> & { data: T }
