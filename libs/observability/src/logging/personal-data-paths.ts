/**
 * What counts as personal data (个人信息) or a credential in a log line.
 *
 * Two layers use these lists (see createLogger):
 * 1. {@link PERSONAL_DATA_PATHS}, pino `redact` paths: cover the places
 *    named there, including the output of serializers (`req.headers.*`).
 * 2. redactPersonalData, by key at any depth (to 8 levels): every
 *    {@link PERSONAL_FIELD_KEYS} field, every field below a
 *    {@link PERSON_KEYS} object, every {@link SECRET_HEADER_KEYS} header
 *    below a `headers` object.
 * Pino's wildcard paths cost about 1 µs per path and line, so the path list
 * is kept short and explicit and the key walk does the deep work.
 */

/** Objects describing a person: every field below them is redacted. */
export const PERSON_KEYS = ['caller', 'applicant', 'reporter', 'complainant', 'contact', 'citizen'] as const

/** Fields that hold personal data wherever they appear. */
export const PERSONAL_FIELD_KEYS = [
  'phone',
  'mobile',
  'telephone',
  'callerPhone',
  'contactPhone',
  'callbackPhone',
  'idNumber',
  'idCard',
  'idCardNumber',
  'callerIdNumber',
  'callerName',
  'contactName',
  'callerAddress',
  'homeAddress',
  'caller_phone',
  'caller_name',
  'caller_address',
  'contact_phone',
  'id_number',
  'id_card',
] as const

/** Credential headers, redacted below any `headers` object. */
export const SECRET_HEADER_KEYS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'] as const

/** Places where a request, a payload or an event carries a person. */
const PERSON_PARENTS = ['', 'body.', 'req.body.', 'payload.', 'data.', 'event.data.', 'envelope.data.', 'case.']

function headerPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`
}

/**
 * pino `redact` paths (censor `[REDACTED]`): `*.phone`, `*.callerPhone`,
 * `*.idNumber`, `caller.*`, `body.caller.*`, `req.body.caller.*`,
 * `req.headers.authorization`, `req.headers["x-api-key"]` and the like.
 */
export const PERSONAL_DATA_PATHS: readonly string[] = Object.freeze([
  ...PERSONAL_FIELD_KEYS,
  '*.phone',
  '*.callerPhone',
  '*.idNumber',
  ...PERSON_KEYS.flatMap((person) => PERSON_PARENTS.map((parent) => `${parent}${person}.*`)),
  ...['req.headers', 'res.headers', 'headers'].flatMap((parent) => SECRET_HEADER_KEYS.map((key) => parent + headerPath(key))),
])

/** The value written in place of a redacted field. */
export const REDACTED = '[REDACTED]'
