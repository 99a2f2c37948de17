/**
 * TypeBox building blocks shared by the channel schemas. They check shape
 * and form only; semantic checks (phone plausibility, ID checksum, real
 * calendar dates) run after normalization and name the source field.
 */
import { Type, type StringOptions } from '@sinclair/typebox'

const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])'
const HM = '([01]\\d|2[0-3]):[0-5]\\d'

/** Free text that is not blank: 1..max characters with at least one non-space. */
export const Text = (maxLength: number, options: StringOptions = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...options })

/** A closed list of string codes (one `enum`, so ajv reports one clear error). */
export const Enum = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description })

/** `2026-03-02 09:15:00`, China time without offset. */
export const LocalDateTime = (description: string) =>
  Type.String({ pattern: `^${DATE} ${HM}:[0-5]\\d$`, description })

/** `2026-03-02 09:15`, China time without offset, minute precision. */
export const LocalDateTimeMinutes = (description: string) =>
  Type.String({ pattern: `^${DATE} ${HM}$`, description })

/** `2026-03-02T09:15:00`, optionally with `Z` or `±hh:mm`; China time when there is no offset. */
export const IsoLocalDateTime = (description: string) =>
  Type.String({ pattern: `^${DATE}T${HM}:[0-5]\\d(\\.\\d{1,3})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)?$`, description })

/** RFC 3339 date-time with offset (ajv-formats `date-time`). */
export const OffsetDateTime = (description: string) => Type.String({ format: 'date-time', description })

/** `2026-03-02` (ajv-formats `date`: a real calendar date). */
export const CalendarDate = (description: string) => Type.String({ format: 'date', description })

/** `21:05` */
export const ClockTime = (description: string) => Type.String({ pattern: `^${HM}$`, description })

/**
 * A phone number as typed into a legacy system: digits, `+`, spaces,
 * hyphens, parentheses, and an optional extension (`转801`, `ext 801`,
 * `#801`). Whether it is a real mainland number is checked after
 * normalization (isValidMainlandPhone).
 */
export const PhoneText = (description: string) =>
  Type.String({
    minLength: 5,
    maxLength: 40,
    pattern: '^\\+?[0-9(][0-9 ()\\-]*((转|分机|ext\\.?|x|#) ?[0-9]{1,6})?$',
    description,
  })

/** 居民身份证号码: 18 characters (last may be X) or legacy 15 digits; checksum checked after normalization. */
export const IdNumberText = (description: string) =>
  Type.String({ pattern: '^([0-9]{17}[0-9Xx]|[0-9]{15})$', description })

/** A person's name (姓名). */
export const PersonName = (description: string) => Text(64, { description })

/** 区县 / 街道乡镇 names. */
export const PlaceName = (description: string) => Text(64, { description })

/** Exact address (详细地址): personal data. */
export const Address = (description: string) => Text(200, { description })

/** Longitude / latitude within the bounds of China (WGS-84 degrees). */
export const Longitude = (description: string) => Type.Number({ minimum: 73, maximum: 136, description })
export const Latitude = (description: string) => Type.Number({ minimum: 3, maximum: 54, description })

/**
 * `then`/`else` branches of conditional schemas, written so that ajv's
 * strict mode (strictRequired) accepts them: required fields are declared,
 * forbidden fields are `false` schemas.
 */
export const requires = (...names: string[]) => ({
  properties: Object.fromEntries(names.map((n) => [n, true])),
  required: names,
})
export const forbids = (...names: string[]) => ({ properties: Object.fromEntries(names.map((n) => [n, false])) })

/** Drops keys whose value is undefined, so normalized objects compare and serialize cleanly. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v
  return out as T
}

/** Names that mean "no name given" (匿名 callers). */
const NO_NAME = new Set(['匿名', '不详', '未提供', '无', '市民', '群众'])
/** The caller's name, or undefined when the channel recorded an anonymous placeholder. */
export function realName(name: string | undefined): string | undefined {
  const n = name?.trim()
  return n && !NO_NAME.has(n) ? n : undefined
}
