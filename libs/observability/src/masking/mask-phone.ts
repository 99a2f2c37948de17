/**
 * Masking of telephone numbers (电话号码去标识化).
 *
 * Rules:
 * - Mainland mobile (手机号, `1[3-9]` + 9 digits, optionally `+86`/`86`,
 *   spaces or hyphens): first 3 and last 4 digits kept, `138****5678`.
 *   A `+86` prefix is kept as `+86 `.
 * - Landline (固定电话) with an area code `0xx`/`0xxx`: area code kept, the
 *   local number masked except its last 4 digits, an extension dropped:
 *   `0451-86661234` → `0451-****1234`.
 * - Any other value of 7 digits or more: every digit but the last 4 becomes `*`
 *   (separators are kept).
 * - Shorter values are public service numbers (`110`, `12345`, `95598`) and are
 *   returned unchanged.
 */
export function maskPhone(phone: string): string {
  const value = phone.trim()
  if (value === '') return ''

  const mobile = MOBILE.exec(value)
  if (mobile) {
    const [, prefix, head, , tail] = mobile as unknown as [string, string | undefined, string, string, string]
    return `${prefix ? '+86 ' : ''}${head}****${tail}`
  }

  const landline = LANDLINE.exec(value)
  if (landline) {
    const [, area, local] = landline as unknown as [string, string, string]
    return `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`
  }

  const digits = value.replace(/\D/g, '').length
  if (digits < 7) return value
  let toMask = digits - 4
  return value.replace(/\d/g, (d) => (toMask-- > 0 ? '*' : d))
}

/** `+86 138 1234 5678`, `86-13812345678`, `138-1234-5678`. */
const MOBILE = /^(\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})$/

/** `0451-86661234`, `(010)12345678`, `010 1234567`, `0451-86661234-802`, `0451-86661234转802`. */
const LANDLINE = /^\(?(0\d{2,3})\)?[- ]?(\d{7,8})(?:(?:-|转|ext\.?)\d{1,6})?$/
