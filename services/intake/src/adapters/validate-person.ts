/**
 * Checks of the personal data callers give (诉求人信息): mainland phone
 * numbers (联系电话) and resident ID numbers (居民身份证号码, GB 11643-1999).
 * Adapters do not reject a payload for a bad number; intake runs these on the
 * normalized case and reports the source field through its JSON pointer.
 */

/** A parsed mainland number. `canonical` is digits only: the form that is hashed (HMAC) for repeat-caller detection. */
export interface ParsedPhone {
  kind: 'mobile' | 'landline'
  /** Mobile: 11 digits. Landline: area code with its leading 0, then the local number. */
  canonical: string
  /** 分机号, dropped from `canonical` (caller ID shows the trunk line). */
  extension?: string
}

const MOBILE = /^1[3-9]\d{9}$/
/** 010 and 02x areas have 8-digit local numbers; 4-digit areas (03xx–09xx) have 7 or 8. Local numbers never start with 0 or 1. */
const LANDLINE = /^(?:(?:010|02\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/
const EXTENSION_MARK = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i
const SEPARATORS = /[\s\-()]/g

function parseDigits(body: string): Omit<ParsedPhone, 'extension'> | undefined {
  let s = body.trim()
  let international = false
  if (s.startsWith('+')) {
    if (!s.startsWith('+86')) return undefined
    s = s.slice(3)
    international = true
  } else if (s.startsWith('0086')) {
    s = s.slice(4)
    international = true
  }
  // Parentheses may only wrap the area code, e.g. (0451)86661234.
  if (/[()]/.test(s) && !/^\s*\(\d{3,4}\)[^()]*$/.test(s)) return undefined
  let digits = s.replace(SEPARATORS, '')
  if (!/^\d+$/.test(digits)) return undefined
  if (!international && digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) digits = digits.slice(2)
  if (MOBILE.test(digits)) return { kind: 'mobile', canonical: digits }
  // From abroad a landline drops its trunk 0: +86 451 8666 1234.
  if (international && !digits.startsWith('0')) digits = `0${digits}`
  if (LANDLINE.test(digits)) return { kind: 'landline', canonical: digits }
  return undefined
}

/**
 * Parses a mainland caller number: a mobile (1[3-9] + 9 digits, optional
 * +86 / 86 / 0086 prefix) or a landline with its area code and an optional
 * extension (转801, ext 801, #801, or a trailing -801). Spaces, hyphens and
 * full-width characters are tolerated. Short service numbers (12345, 95588,
 * 110) and numbers without an area code are not caller numbers.
 */
export function parseMainlandPhone(input: string): ParsedPhone | undefined {
  if (typeof input !== 'string') return undefined
  const s = input.normalize('NFKC').trim()
  if (s.length === 0 || s.length > 40) return undefined
  const marked = EXTENSION_MARK.exec(s)
  if (marked) {
    const base = parseDigits(marked[1] ?? '')
    return base?.kind === 'landline' ? { ...base, extension: marked[2] ?? '' } : undefined
  }
  const whole = parseDigits(s)
  if (whole) return whole
  // A trailing hyphen group after a complete landline is its extension: 0451-86661234-801.
  const dashed = /^(.*\d)-(\d{1,6})$/.exec(s)
  if (dashed) {
    const base = parseDigits(dashed[1] ?? '')
    if (base?.kind === 'landline') return { ...base, extension: dashed[2] ?? '' }
  }
  return undefined
}

/** True for a mainland mobile or landline caller number (see parseMainlandPhone). */
export function isValidMainlandPhone(s: string): boolean {
  return parseMainlandPhone(s) !== undefined
}

/**
 * The digits-only canonical form used for hashing: 11-digit mobile, or area
 * code + local number for a landline (extension dropped).
 * @throws RangeError when `s` is not a valid mainland number.
 */
export function normalizePhone(s: string): string {
  const parsed = parseMainlandPhone(s)
  if (!parsed) throw new RangeError(`not a mainland phone number: ${JSON.stringify(s)}`)
  return parsed.canonical
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK_CHARS = '10X98765432'
/** Province-level codes of GB/T 2260 (first two digits), plus 81/82/83 of the 港澳台居民居住证. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
])

/** The GB 11643-1999 check character (校验码) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK_CHARS[sum % 11] ?? ''
}

function isValidBirthDate(y: number, m: number, d: number, now: Date): boolean {
  if (y < 1800) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  // Not after today's date in China (a baby registered at 00:30 北京时间 is born "today", not tomorrow).
  const china = new Date(now.getTime() + 8 * 3600_000)
  return date.getTime() <= Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate())
}

/**
 * True for a resident ID number (居民身份证号码): 18 characters per
 * GB 11643-1999 (known province code, real birth date from 1800 on and not in the future,
 * check character; a lower-case x is accepted as X), or a legacy 15-digit
 * number (birth date 19YYMMDD, no check digit).
 */
export function isValidIdNumber(s: string, now: Date = new Date()): boolean {
  if (typeof s !== 'string') return false
  const id = s.trim().toUpperCase()
  if (/^\d{17}[\dX]$/.test(id)) {
    if (!PROVINCES.has(Number(id.slice(0, 2)))) return false
    if (!isValidBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), now)) return false
    return idCheckChar(id.slice(0, 17)) === id[17]
  }
  if (/^\d{15}$/.test(id)) {
    if (!PROVINCES.has(Number(id.slice(0, 2)))) return false
    return isValidBirthDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), now)
  }
  return false
}
