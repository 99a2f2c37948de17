/**
 * Scanning text for known raw personal data: a name, a phone number in any
 * common formatting (spaces, hyphens, dots, brackets between its digits) and
 * an ID number (either case of its check character). Used by the leak tests
 * over logs, events and API answers.
 */

export interface Person {
  label: string
  name?: string
  phone?: string
  idNumber?: string
}

export interface Leak {
  /** Where the text came from (log line n, outbox row, GET /api/v1/cases …). */
  where: string
  person: string
  field: 'name' | 'phone' | 'idNumber'
  /** A short excerpt around the hit. */
  excerpt: string
}

const SEPARATORS = '[\\s\\u00a0\\u3000.()\\-]{0,2}'

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Digits of a number with up to two separator characters allowed between any two. */
function spaced(value: string): RegExp {
  const chars = [...value].map((c) => (/[xX]/.test(c) ? '[xX]' : escape(c)))
  return new RegExp(chars.join(SEPARATORS), 'g')
}

interface Pattern {
  person: string
  field: Leak['field']
  re: RegExp
}

export function patternsFor(people: readonly Person[]): Pattern[] {
  const out: Pattern[] = []
  for (const p of people) {
    if (p.name && [...p.name].length >= 2) {
      out.push({ person: p.label, field: 'name', re: new RegExp(escape(p.name), 'g') })
      // As it appears in a logged URL.
      out.push({ person: p.label, field: 'name', re: new RegExp(escape(encodeURIComponent(p.name)), 'gi') })
    }
    if (p.phone) {
      const digits = p.phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '')
      if (digits.length >= 7) out.push({ person: p.label, field: 'phone', re: spaced(digits) })
    }
    if (p.idNumber) out.push({ person: p.label, field: 'idNumber', re: spaced(p.idNumber.trim()) })
  }
  return out
}

/** Every hit of any person's raw values in `text`. */
export function findLeaks(where: string, text: string, patterns: readonly Pattern[]): Leak[] {
  const leaks: Leak[] = []
  for (const p of patterns) {
    p.re.lastIndex = 0
    for (const m of text.matchAll(p.re)) {
      const at = m.index ?? 0
      leaks.push({ where, person: p.person, field: p.field, excerpt: text.slice(Math.max(0, at - 40), at + m[0].length + 40) })
      if (leaks.length > 50) return leaks
    }
  }
  return leaks
}

/** A valid 18-digit resident ID number from its first 17 digits (GB 11643 check character). */
export function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!
  return first17 + '10X98765432'[sum % 11]!
}
