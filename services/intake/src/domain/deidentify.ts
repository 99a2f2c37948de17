import { maskAddress, maskIdNumber, maskName, maskPhone } from '@hotline-hub/observability'
import { isValidIdNumber, isValidMainlandPhone, normalizePhone } from '../adapters/validate-person.ts'
import { errors } from '../errors.ts'
import type { PiiVault } from '../pii/vault.ts'
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

/** The stored, de-identified columns of a case's personal data, plus the ciphertext of the raw values. */
export function deidentify(input: CaseInput, vault: PiiVault) {
  const { name, phone, idNumber } = input.caller
  const address = input.location.address
  const hasRaw = [name, phone, idNumber, address].some((v) => v !== undefined && v !== '')
  return {
    nameMasked: name ? maskName(name) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    idMasked: idNumber ? maskIdNumber(idNumber) : null,
    addressMasked: address ? maskAddress(address) : null,
    phoneHash: phone ? vault.phoneHash(normalizePhone(phone)) : null,
    ciphertext: hasRaw ? vault.encrypt({ name, phone, idNumber, address }) : null,
    keyId: hasRaw ? vault.keyId : null,
  }
}
