import { Type, type Static } from '@sinclair/typebox'
import { APPEAL_TYPES, CASE_STATUSES, CHANNELS, URGENCIES } from './vocabulary.ts'

export const ChannelSchema = Type.Unsafe<(typeof CHANNELS)[number]>({ type: 'string', enum: [...CHANNELS] })
export const CaseStatusSchema = Type.Unsafe<(typeof CASE_STATUSES)[number]>({ type: 'string', enum: [...CASE_STATUSES] })
export const AppealTypeSchema = Type.Unsafe<(typeof APPEAL_TYPES)[number]>({ type: 'string', enum: [...APPEAL_TYPES] })
export const UrgencySchema = Type.Unsafe<(typeof URGENCIES)[number]>({ type: 'string', enum: [...URGENCIES] })

/**
 * 诉求人 (de-identified). Raw values never leave intake: events, lists and
 * exports carry these masked forms, and the keyed hash for repeat callers.
 */
export const MaskedCallerSchema = Type.Object(
  {
    /** 张** */
    name: Type.Optional(Type.String({ maxLength: 64 })),
    /** 138****5678 */
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    /** 110***********1234 */
    idNumber: Type.Optional(Type.String({ maxLength: 32 })),
    /** HMAC-SHA256 of the normalized phone number (重复来电识别). */
    phoneHash: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
)

/** 地点: district and street are kept, the exact address is cut to the street. */
export const CaseLocationSchema = Type.Object(
  {
    /** 区县 */
    district: Type.Optional(Type.String({ maxLength: 64 })),
    /** 街道/乡镇 */
    street: Type.Optional(Type.String({ maxLength: 64 })),
    /** Address cut to the street (去标识化). */
    address: Type.Optional(Type.String({ maxLength: 200 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
)

/**
 * The canonical case (诉求件): what every channel payload is normalized into,
 * as it travels in events (de-identified).
 */
export const CanonicalCaseSchema = Type.Object(
  {
    /** Case number read back to the caller, e.g. `HH202611220001`. */
    id: Type.String({ minLength: 1, maxLength: 64 }),
    channel: ChannelSchema,
    /** The channel's own ticket number (工单号); unique per channel. */
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** 受理时间 */
    receivedAt: Type.String({ format: 'date-time' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    /** 诉求内容 */
    content: Type.String({ minLength: 1, maxLength: 50000 }),
    caller: MaskedCallerSchema,
    location: CaseLocationSchema,
    appealType: Type.Optional(AppealTypeSchema),
    urgency: Type.Optional(UrgencySchema),
    topic: Type.Optional(Type.String({ maxLength: 64 })),
    status: CaseStatusSchema,
    /** Channel-specific fields kept as received, de-identified. */
    extra: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'https://hotline-hub/schemas/canonical-case.json', additionalProperties: false },
)
export type CanonicalCase = Static<typeof CanonicalCaseSchema>
