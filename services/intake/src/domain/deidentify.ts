import { maskAddress, maskIdNumber, maskName, maskPersonalText, maskPhone } from '@hotline-hub/observability'
import { isValidIdNumber, isValidMainlandPhone, normalizePhone } from '../adapters/validate-person.ts'
import { errors } from '../errors.ts'
import type { PiiVault, RawPersonalData } from '../pii/vault.ts'
import type { CaseInput, SourcePointers } from './case-input.ts'

/** Clock skew tolerated on a channel's timestamps before they count as in the future. */
const FUTURE_SKEW_MS = 5 * 60_000

/**
 * Checks what a schema cannot: impossible phone and ID numbers (checksum,
 * birth date), timestamps in the future, empty content. Errors name the
 * field in the payload the channel sent.
 */
export function checkCaseInput(input: CaseInput, pointers: SourcePointers, now: Date): void {
  if (!input.content || !input.content.trim())
    throw errors.create('EMPTY_CONTENT', { pointer: pointers.content ?? '/content', detail: 'content is empty' })
  if (input.caller.phone !== undefined && !isValidMainlandPhone(input.caller.phone))
    throw errors.create('INVALID_PHONE', { pointer: pointers['caller.phone'] ?? '/caller/phone', detail: 'not a possible mainland phone number' })
  if (input.caller.idNumber !== undefined && !isValidIdNumber(input.caller.idNumber))
    throw errors.create('INVALID_ID_NUMBER', { pointer: pointers['caller.idNumber'] ?? '/caller/idNumber', detail: 'ID number fails its checksum or date' })
  const at = Date.parse(input.receivedAt)
  if (Number.isNaN(at)) throw errors.create('VALIDATION', { pointer: pointers.receivedAt ?? '/receivedAt', detail: 'not a date-time' })
  if (at > now.getTime() + FUTURE_SKEW_MS)
    throw errors.create('FUTURE_TIMESTAMP', { pointer: pointers.receivedAt ?? '/receivedAt', detail: `${input.receivedAt} is in the future` })
}

/**
 * What is encrypted at rest: the caller's raw values, plus the raw title and
 * content when de-identifying them changed something (an operator calling
 * back may need the number the caller wrote in the text).
 */
export type RawCaseData = RawPersonalData & { title?: string; content?: string }

/** The stored, de-identified columns of a case's personal data, plus the ciphertext of the raw values. */
export function deidentify(input: CaseInput, vault: PiiVault) {
  const { name, phone, idNumber } = input.caller
  const address = input.location.address
  const title = input.title === undefined ? undefined : deidentifyText(input.title, input.caller, address)
  const content = deidentifyText(input.content, input.caller, address)
  const raw: RawCaseData = { name, phone, idNumber, address }
  if (title !== input.title) raw.title = input.title
  if (content !== input.content) raw.content = input.content
  const hasRaw = Object.values(raw).some((v) => v !== undefined && v !== '')
  return {
    title,
    content,
    nameMasked: name ? maskName(name) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    idMasked: idNumber ? maskIdNumber(idNumber) : null,
    addressMasked: address ? maskAddress(address) : null,
    phoneHash: phone ? vault.phoneHash(normalizePhone(phone)) : null,
    ciphertext: hasRaw ? vault.encrypt(raw) : null,
    keyId: hasRaw ? vault.keyId : null,
  }
}

/** Separators people put inside a number they type: spaces, hyphens, dots (`139 8765-4321`, `139.8765.4321`). */
const NUMBER_SEPARATOR = '[\\s\\u00a0\\u3000.\\-]?'

/** The same separators, to strip them all before a cheap containment check. */
const SEPARATORS = /[\s\u00a0\u3000.-]/g

/** A pattern for one known number in any common formatting: optional separators between its characters. */
function spacedPattern(value: string): RegExp {
  const chars = [...value].map((c) => (/[xX]/.test(c) ? '[xX]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return new RegExp(`(?<![0-9A-Za-z])${chars.join(NUMBER_SEPARATOR)}(?![0-9A-Za-z])`, 'g')
}

/**
 * De-identifies free text (title, content) of a case: first the caller's
 * own raw values wherever they appear in it (the phone in any formatting,
 * the ID number, the full name, the exact address) become their masked
 * forms, then any other phone or ID number (maskPersonalText). A name or an
 * address is only found when it is the caller's own: free text naming
 * somebody else is beyond what can be recognised reliably.
 */
export function deidentifyText(text: string, caller: CaseInput['caller'], address: string | undefined): string {
  let out = text
  // The pattern of a known number is built (and compiled) only when the text,
  // without separators, contains its digits at all: most texts do not, and a
  // fresh RegExp per request is slow (compiled, never tiered up).
  const squeezed = caller.phone || caller.idNumber ? text.replace(SEPARATORS, '').toUpperCase() : ''
  if (caller.phone) {
    let digits: string | null = null
    try {
      digits = normalizePhone(caller.phone)
    } catch {
      digits = caller.phone.replace(/\D/g, '') || null
    }
    if (digits && digits.length >= 7 && squeezed.includes(digits)) out = out.replace(spacedPattern(digits), maskPhone(caller.phone))
  }
  const id = caller.idNumber?.trim()
  if (id && id.length >= 8 && squeezed.includes(id.toUpperCase())) out = out.replace(spacedPattern(id), maskIdNumber(id))
  if (address && address.trim().length >= 4) out = out.replaceAll(address.trim(), maskAddress(address))
  const name = caller.name?.trim()
  if (name && [...name].length >= 2) out = out.replaceAll(name, maskName(name))
  return maskPersonalText(out)
}
