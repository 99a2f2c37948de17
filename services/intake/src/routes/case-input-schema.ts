import { Type } from '@sinclair/typebox'
import { AppealTypeSchema, CaseLocationSchema, UrgencySchema } from '@hotline-hub/contracts'

/**
 * The canonical case as integrators POST it to /api/v1/cases. `channel` is
 * a plain string here so that an unknown channel gets its own error code.
 */
export const CaseInputBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 64 }),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    receivedAt: Type.String({ format: 'date-time' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    content: Type.String({ minLength: 1, maxLength: 50000 }),
    caller: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
          idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Same fields as the canonical location; here `address` is the raw one, de-identified on intake. */
    location: Type.Optional(CaseLocationSchema),
    appealType: Type.Optional(AppealTypeSchema),
    urgency: Type.Optional(UrgencySchema),
    topic: Type.Optional(Type.String({ maxLength: 64 })),
    department: Type.Optional(Type.String({ maxLength: 128 })),
    extra: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)
