/**
 * One set of result parsers for both backends, so a row reads the same from
 * PGlite and from PostgreSQL (text format, by type OID):
 *
 * | PostgreSQL type              | JS value                                   |
 * |------------------------------|--------------------------------------------|
 * | int8 / bigint / bigserial    | string (exact; `Number(x)` if you know it is small) |
 * | numeric                      | string (exact)                             |
 * | int2, int4, float4, float8   | number (backend default)                   |
 * | json, jsonb                  | parsed value (object, array, ...)          |
 * | timestamptz                  | Date                                       |
 * | timestamp (without tz)       | Date, the stored wall time read as UTC     |
 * | date                         | string `YYYY-MM-DD` (a calendar day, not an instant) |
 * | interval                     | string, PostgreSQL output (`1 day 02:00:00`) |
 * | bytea                        | Buffer                                     |
 * | arrays of the above          | arrays of the same                         |
 * | text, uuid, bool, time, ...  | backend default (string, string, boolean, string) |
 */

type Parser = (value: string) => unknown

const identity: Parser = (value) => value

function parseJson(value: string): unknown {
  return JSON.parse(value)
}

/** `2024-01-02 03:04:05.123456` (or with `+08`, `+05:30`, ` BC`) → ISO 8601 for Date. */
function toIsoTimestamp(value: string, assumeUtc: boolean): string {
  let s = value
  let bc = false
  if (s.endsWith(' BC')) {
    bc = true
    s = s.slice(0, -3)
  }
  const m = /^(\d{4,})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/.exec(s)
  if (!m) return s
  const [, y, mo, d, hms, frac, sign, oh, om] = m
  let year = Number(y)
  if (bc) year = 1 - year
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0')
  const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : ''
  const zone = sign ? `${sign}${oh}:${om ?? '00'}` : assumeUtc ? 'Z' : ''
  return `${yearText}-${mo}-${d}T${hms}${ms}${zone}`
}

function parseTimestamp(value: string, assumeUtc: boolean): Date | number {
  if (value === 'infinity') return Infinity
  if (value === '-infinity') return -Infinity
  return new Date(toIsoTimestamp(value, assumeUtc))
}

const parseTimestamptz: Parser = (value) => parseTimestamp(value, true)
/** timestamp without time zone: the wall time is taken as UTC, in every process time zone. */
const parseTimestampUtc: Parser = (value) => parseTimestamp(value, true)

function parseBytea(value: string): Buffer {
  if (value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex')
  // escape format (bytea_output = escape): octal escapes and doubled backslashes
  const bytes: number[] = []
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (c === '\\') {
      if (value[i + 1] === '\\') {
        bytes.push(0x5c)
        i++
      } else {
        bytes.push(parseInt(value.slice(i + 1, i + 4), 8))
        i += 3
      }
    } else {
      bytes.push(c.charCodeAt(0))
    }
  }
  return Buffer.from(bytes)
}

/**
 * Parses a PostgreSQL array literal (`{1,2,NULL}`, `{"a b","c\"d"}`, nested
 * `{{1,2},{3,4}}`), applying `parse` to each non-NULL element.
 */
export function parseArrayLiteral(text: string, parse: Parser): unknown[] {
  let pos = 0
  // optional dimension decoration: [1:2]={...}
  if (text[0] === '[') {
    const eq = text.indexOf('=')
    pos = eq + 1
  }
  function parseLevel(): unknown[] {
    if (text[pos] !== '{') throw new Error(`malformed array literal: ${text}`)
    pos++
    const out: unknown[] = []
    if (text[pos] === '}') {
      pos++
      return out
    }
    for (;;) {
      if (text[pos] === '{') {
        out.push(parseLevel())
      } else if (text[pos] === '"') {
        pos++
        let s = ''
        while (text[pos] !== '"') {
          if (text[pos] === '\\') pos++
          s += text[pos]
          pos++
        }
        pos++
        out.push(parse(s))
      } else {
        const start = pos
        while (text[pos] !== ',' && text[pos] !== '}') pos++
        const raw = text.slice(start, pos)
        out.push(raw === 'NULL' ? null : parse(raw))
      }
      if (text[pos] === ',') {
        pos++
        continue
      }
      if (text[pos] === '}') {
        pos++
        return out
      }
      throw new Error(`malformed array literal: ${text}`)
    }
  }
  return parseLevel()
}

const arrayOf =
  (parse: Parser): Parser =>
  (value) =>
    parseArrayLiteral(value, parse)

/** PostgreSQL type OIDs with the parser both backends use. */
export const TYPE_PARSERS: Readonly<Record<number, Parser>> = {
  20: identity, // int8
  1016: arrayOf(identity), // int8[]
  1700: identity, // numeric
  1231: arrayOf(identity), // numeric[]
  114: parseJson, // json
  199: arrayOf(parseJson), // json[]
  3802: parseJson, // jsonb
  3807: arrayOf(parseJson), // jsonb[]
  1184: parseTimestamptz, // timestamptz
  1185: arrayOf(parseTimestamptz), // timestamptz[]
  1114: parseTimestampUtc, // timestamp
  1115: arrayOf(parseTimestampUtc), // timestamp[]
  1082: identity, // date
  1182: arrayOf(identity), // date[]
  1186: identity, // interval
  1187: arrayOf(identity), // interval[]
  17: parseBytea, // bytea
  1001: arrayOf(parseBytea), // bytea[]
}

/**
 * Prepares a parameter the same way for both backends. Dates are sent as ISO
 * 8601 UTC text, so a `timestamp` (without tz) column stores the UTC wall time
 * whatever the process time zone is (pg would otherwise send local time).
 * bigint is sent as its decimal text.
 */
export function prepareParam(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(prepareParam)
  return value
}

export function prepareParams(params: readonly unknown[] | undefined): unknown[] {
  return params ? params.map(prepareParam) : []
}
