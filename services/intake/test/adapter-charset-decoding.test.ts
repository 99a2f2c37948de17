import t, { type Test } from 'tap'
import iconv from 'iconv-lite'
import { CharsetError, charsetOf, decodeBody } from '../src/adapters/charset.ts'
import { ADAPTERS } from '../src/adapters/index.ts'

/** 燃气泄漏 in GBK (GB 2312 code points C8BC C6F8 D0B9 C2A9). */
const GAS_LEAK_GBK = Buffer.from([0xc8, 0xbc, 0xc6, 0xf8, 0xd0, 0xb9, 0xc2, 0xa9])

function refused(t: Test, buf: Buffer, contentType: string | undefined, reason: 'invalid' | 'unsupported', charset: string) {
  const err = t.throws(() => decodeBody(buf, contentType)) as CharsetError
  t.ok(err instanceof CharsetError, `${buf.toString('hex')} as ${contentType}`)
  t.equal(err.reason, reason)
  t.equal(err.charset, charset)
  t.ok(err.message.length > 0)
}

t.test('known GBK bytes decode, and an independent encoder agrees', async (t) => {
  t.same(iconv.encode('燃气泄漏', 'gbk'), GAS_LEAK_GBK)
  for (const ct of ['application/json; charset=GBK', 'application/json;charset=gbk', 'text/plain; charset="gb2312"', 'application/json; Charset=GB18030', 'application/json; charset=x-gbk']) {
    t.equal(decodeBody(GAS_LEAK_GBK, ct), '燃气泄漏', ct)
  }
})

t.test('every channel example round-trips through GBK and GB 18030', async (t) => {
  for (const adapter of Object.values(ADAPTERS)) {
    for (const { name, payload } of adapter.examples) {
      const json = JSON.stringify(payload)
      t.same(JSON.parse(decodeBody(iconv.encode(json, 'gbk'), 'application/json; charset=gbk')), payload, `${adapter.channel} ${name} gbk`)
      t.same(JSON.parse(decodeBody(iconv.encode(json, 'gb18030'), 'application/json; charset=gb18030')), payload, `${name} gb18030`)
    }
  }
})

t.test('characters outside GB 2312 decode too', async (t) => {
  t.equal(decodeBody(iconv.encode('朱镕基 陶喆', 'gbk'), 'text/plain; charset=gb2312'), '朱镕基 陶喆', 'GBK-only under a gb2312 label')
  const rare = '𠮷野家' // U+20BB7 is a four-byte GB 18030 sequence
  t.same(iconv.encode('𠮷', 'gb18030'), Buffer.from([0x95, 0x34, 0xb2, 0x35]))
  t.equal(decodeBody(iconv.encode(rare, 'gb18030'), 'text/plain; charset=gb18030'), rare)
  t.equal(decodeBody(Buffer.from([0xa2, 0xe3]), 'text/plain; charset=gbk'), '€', 'A2E3 is not silently dropped')
})

t.test('UTF-8 is the default; a byte order mark is dropped', async (t) => {
  const text = '{"sqnr":"楼道燃气味很重"}'
  t.equal(decodeBody(Buffer.from(text, 'utf8'), undefined), text)
  t.equal(decodeBody(Buffer.from(text, 'utf8'), 'application/json'), text)
  t.equal(decodeBody(Buffer.from(text, 'utf8'), 'application/json; charset="UTF-8"'), text)
  t.equal(decodeBody(Buffer.from(text, 'utf8'), 'application/json; charset=utf8; boundary=x'), text)
  t.equal(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), undefined), text)
  t.equal(decodeBody(Buffer.alloc(0), undefined), '')
})

t.test('invalid UTF-8 is refused', async (t) => {
  const bad = [
    [0xc3, 0x28], // bad continuation
    [0x80], // lone continuation
    [0xc0, 0xaf], // overlong '/'
    [0xed, 0xa0, 0x80], // UTF-16 surrogate
    [0xe7, 0x87], // truncated 燃
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xff],
  ]
  for (const bytes of bad) refused(t, Buffer.from([0x7b, ...bytes, 0x7d]), 'application/json; charset=utf-8', 'invalid', 'utf-8')
  const err = t.throws(() => decodeBody(GAS_LEAK_GBK, 'application/json')) as CharsetError
  t.equal(err.charset, 'utf-8', 'GBK sent without a charset is refused, not garbled')
  t.match(err.message, /UTF-8 assumed/)
})

t.test('invalid GBK / GB 18030 sequences are refused', async (t) => {
  const bad = [
    [0x41, 0xff, 0x42], // 0xFF is never valid (Node's own gbk decoder drops it silently)
    [0xc8], // truncated double-byte
    [0xc8, 0x20], // trail byte below 0x40
    [0xc8, 0x7f], // 0x7F is not a trail byte
    [0xc8, 0xff], // nor is 0xFF
    [0x81, 0x30], // truncated four-byte
    [0x81, 0x30, 0x81, 0x20], // bad fourth byte
    [0x84, 0x31, 0xa5, 0x30], // past the BMP range
    [0xe3, 0x32, 0x9a, 0x36], // past U+10FFFF
  ]
  for (const charset of ['gbk', 'gb2312', 'gb18030']) {
    for (const bytes of bad) refused(t, Buffer.from(bytes), `text/plain; charset=${charset}`, 'invalid', charset)
  }
})

t.test('an unsupported charset is refused as such', async (t) => {
  for (const charset of ['big5', 'latin1', 'iso-8859-1', 'utf-16', 'shift_jis', 'gbk2']) {
    refused(t, Buffer.from('abc'), `application/json; charset=${charset}`, 'unsupported', charset)
  }
})

t.test('the charset parameter is parsed case-insensitively, quoted or not', async (t) => {
  t.equal(charsetOf(undefined), undefined)
  t.equal(charsetOf('application/json'), undefined)
  t.equal(charsetOf('application/json; CHARSET = "GB18030" '), 'gb18030')
  t.equal(charsetOf('multipart/form-data; boundary=abc; charset=gbk'), 'gbk')
  t.equal(charsetOf('application/json; boundary=charset=utf-8'), undefined, 'a value is not a name')
})
