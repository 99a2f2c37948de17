/**
 * Masking of identity document numbers (身份证号去标识化).
 *
 * Rules:
 * - 18-character resident ID (居民身份证, 17 digits and a check character that
 *   may be `X`): first 3 and last 4 kept, 11 masked, `110***********1234`.
 *   A lower-case `x` check character is upper-cased.
 * - 15-digit first-generation ID (一代证): first 3 and last 4 kept, 8 masked.
 * - Anything else (passport, 港澳通行证, a mistyped number): the first character
 *   and the last 2 are kept; values of 4 characters or fewer are fully masked.
 *
 * The length is always preserved. The check digit is not verified: a mistyped
 * ID number is still personal data.
 */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim().replace(/x$/, 'X')
  if (value === '') return ''
  if (RESIDENT_ID_18.test(value)) return keepEnds(value, 3, 4)
  if (RESIDENT_ID_15.test(value)) return keepEnds(value, 3, 4)
  const chars = [...value]
  if (chars.length <= 4) return '*'.repeat(chars.length)
  return keepEnds(value, 1, 2)
}

const RESIDENT_ID_18 = /^\d{17}[\dX]$/
const RESIDENT_ID_15 = /^\d{15}$/

function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value]
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('')
}
