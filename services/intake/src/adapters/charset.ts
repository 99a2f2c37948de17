/**
 * Decodes request bodies of legacy channel systems, many of which still send
 * GBK (国标扩展) or GB 18030 rather than UTF-8. Decoding is strict: a body
 * with bytes that are not valid in its declared charset is refused rather
 * than stored with replacement characters (mojibake in a citizen's appeal is
 * data loss). Uses the decoders of Node's full ICU.
 *
 * GBK and GB 2312 bodies go through the GB 18030 decoder, as the WHATWG
 * Encoding Standard prescribes (GB 18030 is a superset of both). Node's own
 * `new TextDecoder('gbk', { fatal: true })` is ICU's GBK table, and it
 * silently DROPS some invalid or unmapped bytes instead of failing (0xFF,
 * 0xA2E3 decode to ""), which would let corrupt bodies through.
 */
import { TextDecoder } from 'node:util'

/** Why a body could not be decoded. */
export type CharsetFailure = 'unsupported' | 'invalid'

export class CharsetError extends Error {
  /** The charset as declared (lower-case), or the one assumed. */
  readonly charset: string
  /** `unsupported` → 415 Unsupported Media Type; `invalid` → 400 Bad Request. */
  readonly reason: CharsetFailure
  constructor(charset: string, reason: CharsetFailure, message: string) {
    super(message)
    this.name = 'CharsetError'
    this.charset = charset
    this.reason = reason
  }
}

/**
 * Accepted `charset` labels and the decoder for each. GB 2312 and GBK are
 * decoded as GB 18030 (a superset: senders that declare gb2312 routinely
 * send GBK-only characters such as 镕 or 喆).
 */
const DECODERS: Readonly<Record<string, 'utf-8' | 'gb18030'>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  gb2312: 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  csgb2312: 'gb18030',
  gb18030: 'gb18030',
}

export const SUPPORTED_CHARSETS: readonly string[] = Object.keys(DECODERS)

/** The `charset` parameter of a Content-Type header, lower-cased; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=')
    if (eq < 0) continue
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue
    let value = param.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    return value.trim().toLowerCase()
  }
  return undefined
}

const cache = new Map<string, TextDecoder>()
function decoderFor(charset: string, encoding: 'utf-8' | 'gb18030'): TextDecoder {
  let decoder = cache.get(encoding)
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding, { fatal: true })
    } catch {
      throw new CharsetError(charset, 'unsupported', `charset ${charset} needs a Node.js build with full ICU`)
    }
    cache.set(encoding, decoder)
  }
  return decoder
}

/**
 * Decodes `buf` according to the charset of `contentType` (UTF-8 when none
 * is given). A UTF-8 byte order mark is dropped.
 * @throws CharsetError for an unsupported charset or bytes invalid in it.
 */
export function decodeBody(buf: Buffer | Uint8Array, contentType: string | undefined): string {
  const declared = charsetOf(contentType)
  const charset = declared ?? 'utf-8'
  const encoding = DECODERS[charset]
  if (!encoding)
    throw new CharsetError(
      charset,
      'unsupported',
      `unsupported charset ${JSON.stringify(charset)}; supported: ${SUPPORTED_CHARSETS.join(', ')}`,
    )
  try {
    return decoderFor(charset, encoding).decode(buf)
  } catch (err) {
    if (err instanceof CharsetError) throw err
    throw new CharsetError(charset, 'invalid', `request body is not valid ${charset}${declared ? '' : ' (no charset declared, UTF-8 assumed)'}`)
  }
}
