import { Type } from '@sinclair/typebox'
import { GRADES, REPORT_FIELDS } from './grades.ts'

export const GradeSchema = Type.Union(GRADES.map((g) => Type.Literal(g)), { description: 'Ⅰ 特别重大 | Ⅱ 重大 | Ⅲ 较大 | Ⅳ 一般' })

/** 报告要素, each optional here (required on submission). */
export const ContentSchema = Type.Object(
  Object.fromEntries(REPORT_FIELDS.map(([f, zh]) => [f, Type.Optional(Type.String({ maxLength: 10000, description: zh }))])),
  { additionalProperties: false },
)

export const IncidentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const ReportParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), reportId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)

export const ManualIncidentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    grade: Type.Optional(GradeSchema),
    /** 接报时间; default: the earliest linked case, else now. */
    receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
    topic: Type.Optional(Type.String({ maxLength: 64 })),
    district: Type.Optional(Type.String({ maxLength: 64 })),
    street: Type.Optional(Type.String({ maxLength: 64 })),
    caseIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 1000, uniqueItems: true })),
    content: Type.Optional(ContentSchema),
  },
  { additionalProperties: false },
)

export const NextReportBody = Type.Object({ stage: Type.Union([Type.Literal('follow-up'), Type.Literal('final')]) }, { additionalProperties: false })

export const PatchReportBody = Type.Object(
  {
    grade: Type.Optional(GradeSchema),
    content: Type.Optional(ContentSchema),
    commitments: Type.Optional(
      Type.Array(Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }), dueAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const ApproveBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })
export const RejectBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000, description: '退回理由 (required)' }) }, { additionalProperties: false })

export const PhoneReportBody = Type.Object(
  { at: Type.Optional(Type.String({ format: 'date-time', description: 'When the phone report was made; default now.' })), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)
export const MilestoneBody = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 32, description: 'A deadline kind of the report met by a milestone (authoritative-info, press-conference, sentiment-response …).' }),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export const CommitmentParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), commitmentId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)
export const DoneBody = Type.Object({ at: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false })

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
)
