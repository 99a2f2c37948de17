import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { CanonicalCaseSchema, CaseStatusSchema, UrgencySchema, AppealTypeSchema } from './case.ts'

/** case.received.v1: a case was accepted (受理) and committed. */
export const CaseReceivedSchema = Type.Object(
  { case: CanonicalCaseSchema },
  { additionalProperties: false },
)
export type CaseReceived = Static<typeof CaseReceivedSchema>

/** case.lifecycle.v1: one transition of the closed loop (闭环), with who, when and why. */
export const CaseLifecycleSchema = Type.Object(
  {
    /** Command name: dispatch, accept, return, reply, close, follow_up, urge, merge, reopen … */
    action: Type.String({ minLength: 1, maxLength: 32 }),
    from: Type.Union([CaseStatusSchema, Type.Null()]),
    to: CaseStatusSchema,
    /** Who did it: a user or key id, never a personal name. */
    actor: Type.Object(
      { id: Type.String({ maxLength: 128 }), role: Type.String({ maxLength: 32 }) },
      { additionalProperties: false },
    ),
    at: Type.String({ format: 'date-time' }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    department: Type.Optional(Type.String({ maxLength: 128 })),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)
export type CaseLifecycle = Static<typeof CaseLifecycleSchema>

/** Tags a person may correct (改判). */
export const CORRECTABLE_TAGS = ['topic', 'urgency', 'appealType', 'subtopic'] as const
export type CorrectableTag = (typeof CORRECTABLE_TAGS)[number]

/** One tag with the words or rules that produced it. */
export const TagSchema = Type.Object(
  {
    value: Type.String({ maxLength: 64 }),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    because: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  },
  { additionalProperties: false },
)

/** case.classified.v1: the classifier's tags, each explained. */
export const CaseClassifiedSchema = Type.Object(
  {
    modelVersion: Type.String({ maxLength: 64 }),
    topic: TagSchema,
    subtopics: Type.Array(TagSchema, { maxItems: 20 }),
    appealType: Type.Intersect([TagSchema, Type.Object({ value: AppealTypeSchema })]),
    urgency: Type.Intersect([TagSchema, Type.Object({ value: UrgencySchema })]),
    sentiment: Type.Object(
      {
        negativity: Type.Number({ minimum: 0, maximum: 1 }),
        flags: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 }),
        because: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
      },
      { additionalProperties: false },
    ),
    location: Type.Object(
      {
        district: Type.Optional(Type.String({ maxLength: 64 })),
        street: Type.Optional(Type.String({ maxLength: 64 })),
        because: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
      },
      { additionalProperties: false },
    ),
    /**
     * Set when a person corrected tags (值班员改判): the tags it names are the
     * person's, and replace the model's on the case.
     */
    override: Type.Optional(
      Type.Object(
        {
          by: Type.String({ maxLength: 128 }),
          role: Type.String({ maxLength: 32 }),
          at: Type.String({ format: 'date-time' }),
          tags: Type.Array(Type.Unsafe<CorrectableTag>({ type: 'string', enum: [...CORRECTABLE_TAGS] }), { minItems: 1, maxItems: 4 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CaseClassified = Static<typeof CaseClassifiedSchema>

/** alert.raised.v1: an SLA warning, breach, cluster or emergency trigger. */
export const AlertRaisedSchema = Type.Object(
  {
    alertId: Type.String({ maxLength: 64 }),
    kind: Type.String({ maxLength: 32 }),
    severity: Type.String({ maxLength: 16 }),
    message: Type.String({ maxLength: 2000 }),
    caseIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 }),
  },
  { additionalProperties: true },
)

/** emergency.report.v1: an approved 突发事件信息报告 on its way to the destination. */
export const EmergencyReportSchema = Type.Object(
  {
    reportId: Type.String({ maxLength: 64 }),
    stage: Type.String({ maxLength: 16 }),
    grade: Type.String({ maxLength: 8 }),
  },
  { additionalProperties: true },
)

/** Topics with their versions. A breaking change is a new version, never an edit. */
export const TOPICS = {
  caseReceived: 'case.received.v1',
  caseLifecycle: 'case.lifecycle.v1',
  caseClassified: 'case.classified.v1',
  alertRaised: 'alert.raised.v1',
  emergencyReport: 'emergency.report.v1',
} as const
export type Topic = (typeof TOPICS)[keyof typeof TOPICS]

/** Schema of `data` per topic. */
export const TOPIC_DATA_SCHEMAS: Record<Topic, TSchema> = {
  [TOPICS.caseReceived]: CaseReceivedSchema,
  [TOPICS.caseLifecycle]: CaseLifecycleSchema,
  [TOPICS.caseClassified]: CaseClassifiedSchema,
  [TOPICS.alertRaised]: AlertRaisedSchema,
  [TOPICS.emergencyReport]: EmergencyReportSchema,
}

/** Dead-letter topic of a topic. */
export const dlqTopic = (topic: string): string => `${topic}.dlq`

/** Event type and version carried in the envelope for a topic: `case.received.v1` → (`case.received`, 1). */
export function topicTypeVersion(topic: string): { type: string; version: number } {
  const m = /^(.*)\.v(\d+)$/.exec(topic)
  if (!m) throw new Error(`topic without version: ${topic}`)
  return { type: m[1]!, version: Number(m[2]) }
}
