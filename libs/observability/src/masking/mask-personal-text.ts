import { maskIdNumber } from './mask-id-number.ts'

/**
 * Masks personal data found inside free text (second line of defence for logs,
 * and de-identification of free-text fields such as a case description):
 *
 * - 18-character resident ID numbers (居民身份证) with a plausible birth date
 *   (`110101199003071234`, `11010119900307123X`) → `110***********1234`;
 * - 15-digit first-generation IDs with a plausible birth date;
 * - mainland mobile numbers, with or without `+86`, spaces or hyphens
 *   (`13812345678`, `+86 138-1234-5678`) → `138****5678`;
 * - landline numbers written with an area code and a separator
 *   (`0451-86661234`, `(010)12345678`) → `0451-****1234`.
 *
 * A number is only masked when it stands alone: digits or ASCII letters right
 * before or after it mean it is part of something else (a trace id, an order
 * number), so `id=abc13812345678` is left as is. Chinese text around a number
 * does not count (`电话13812345678。` is masked). Public service numbers
 * (`12345`, `110`) are never touched. Full-width digits are not recognised.
 */
export function maskPersonalText(text: string): string {
  if (!CANDIDATE.test(text)) return text
  return text
    .replace(ID_18, (id) => maskIdNumber(id))
    .replace(ID_15, (id) => maskIdNumber(id))
    .replace(MOBILE, (_m, prefix: string | undefined, head: string, _mid: string, tail: string) => `${prefix ?? ''}${head}****${tail}`)
    .replace(LANDLINE, (_m, area: string, local: string) => `${area}${'*'.repeat(local.length - 4)}${local.slice(-4)}`)
}

/** Cheap pre-check: nothing to do without 7 digits in a row, allowing one separator. */
const CANDIDATE = /\d{3}[- )]?\d{4}/

const ALONE_BEFORE = '(?<![0-9A-Za-z])'
const ALONE_AFTER = '(?![0-9A-Za-z])'
const MONTH_DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])'

const ID_18 = new RegExp(`${ALONE_BEFORE}\\d{6}(?:18|19|20)\\d{2}${MONTH_DAY}\\d{3}[\\dXx]${ALONE_AFTER}`, 'g')
const ID_15 = new RegExp(`${ALONE_BEFORE}\\d{6}\\d{2}${MONTH_DAY}\\d{3}${ALONE_AFTER}`, 'g')
const MOBILE = new RegExp(`${ALONE_BEFORE}(\\+?86[- ]?)?(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})${ALONE_AFTER}`, 'g')
const LANDLINE = new RegExp(`${ALONE_BEFORE}(\\(0\\d{2,3}\\)|0\\d{2,3}[- ])(\\d{7,8})${ALONE_AFTER}`, 'g')
