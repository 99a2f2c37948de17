import t from 'tap'
import { PERSONAL_DATA_PATHS, REDACTED, redactPersonalData } from '../src/index.ts'
import { capturedLogger } from './helper.ts'

const PHONE = '13912345678'
const ID = '230103198805121234'
const NAME = '王小明'
const ADDRESS = '黑龙江省哈尔滨市南岗区西大直街92号3单元501室'

t.test('personal data in nested objects never reaches the output', async (t) => {
  const log = capturedLogger()
  log.logger.info(
    {
      phone: PHONE,
      callerPhone: PHONE,
      idNumber: ID,
      caller: { name: NAME, phone: PHONE, idNumber: ID, address: ADDRESS, gender: 'male' },
      body: { channel: 'hotline-12345', caller: { name: NAME, phone: PHONE, address: ADDRESS } },
      req: {
        method: 'POST',
        headers: { authorization: 'Bearer s3cret-token', 'x-api-key': 'key-abc-123', 'content-type': 'application/json' },
        body: { caller: { name: NAME, idNumber: ID } },
      },
      event: { data: { case: { caller: { name: NAME, phone: PHONE } }, callerName: NAME, contact_phone: PHONE } },
      applicants: [{ applicant: { name: NAME, address: ADDRESS } }],
      a: { b: { c: { d: { e: { caller: NAME, f: { idNumber: ID, headers: { Authorization: 'Bearer s3cret-token' } } } } } } },
    },
    'case received',
  )
  const raw = log.raw()
  for (const secret of [PHONE, ID, NAME, ADDRESS, 's3cret-token', 'key-abc-123']) {
    t.notOk(raw.includes(secret), `output has no ${secret}`)
  }
  const [line] = log.lines()
  t.equal(line!.msg, 'case received')
  t.equal(line!.caller.name, REDACTED)
  t.equal(line!.caller.gender, REDACTED, 'everything below caller is redacted')
  t.equal(line!.body.channel, 'hotline-12345', 'non-personal fields stay')
  t.equal(line!.body.caller.phone, REDACTED)
  t.equal(line!.req.headers.authorization, REDACTED)
  t.equal(line!.req.headers['x-api-key'], REDACTED)
  t.equal(line!.req.headers['content-type'], 'application/json')
  t.equal(line!.req.body.caller.name, REDACTED)
  t.equal(line!.event.data.callerName, REDACTED)
  t.equal(line!.event.data.contact_phone, REDACTED)
  t.equal(line!.applicants[0].applicant.address, REDACTED)
  t.equal(line!.a.b.c.d.e.caller, REDACTED, 'a person given as a string, deep down')
  t.equal(line!.a.b.c.d.e.f.idNumber, REDACTED)
  t.equal(line!.a.b.c.d.e.f.headers.Authorization, REDACTED, 'header names in any case')
})

t.test('the caller object passed to the logger is not modified', async (t) => {
  const log = capturedLogger()
  const payload = { caller: { name: NAME, phone: PHONE } }
  log.logger.info(payload, 'x')
  t.same(payload, { caller: { name: NAME, phone: PHONE } })
})

t.test('child bindings are redacted too', async (t) => {
  const log = capturedLogger()
  log.logger.child({ caller: { name: NAME } }).info('working on it')
  t.notOk(log.raw().includes(NAME))
})

t.test('extra paths add to the built-in ones; the logger name stays', async (t) => {
  const log = capturedLogger({ name: 'intake', redactPaths: ['licensePlate'] })
  log.logger.info({ licensePlate: '黑A12345', caller: { phone: PHONE } })
  const [line] = log.lines()
  t.equal(line!.licensePlate, REDACTED)
  t.equal(line!.caller.phone, REDACTED)
  t.equal(line!.name, 'intake', 'top-level name is the logger name, not redacted')
})

t.test('the exported path list names the usual places', async (t) => {
  for (const path of ['*.phone', '*.callerPhone', '*.idNumber', 'caller.*', 'body.caller.*', 'req.body.caller.*', 'req.headers.authorization', 'req.headers["x-api-key"]']) {
    t.ok(PERSONAL_DATA_PATHS.includes(path), path)
  }
})

t.test('redactPersonalData copies only what it changes and leaves class instances alone', async (t) => {
  const err = new Error('x')
  const when = new Date(0)
  const untouched = { topic: 'case.received', list: [1, 2] }
  const input = { untouched, err, when, caller: { phone: PHONE }, phone: null, idNumber: undefined }
  const out = redactPersonalData(input)
  t.not(out, input)
  t.equal(out.untouched, untouched, 'unchanged branches are shared, not copied')
  t.equal(out.err, err)
  t.equal(out.when, when)
  t.same(out.caller, { phone: REDACTED })
  t.equal(out.phone, null, 'empty values stay empty')
  t.equal(input.caller.phone, PHONE, 'input not modified')
  const plain = { a: 1 }
  t.equal(redactPersonalData(plain), plain, 'nothing to redact: same object')
})
