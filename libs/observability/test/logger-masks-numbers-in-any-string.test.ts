import t from 'tap'
import { capturedLogger } from './helper.ts'

t.test('phone and ID numbers in messages and unknown fields are masked', async (t) => {
  const log = capturedLogger()
  log.logger.info({ note: '来电人电话13912345678，身份证230103198805121234', nested: { deep: { text: '回拨 0451-86661234' } } }, '来电 %s 反映噪声扰民', '13800001111')
  const raw = log.raw()
  t.notOk(raw.includes('13912345678'))
  t.notOk(raw.includes('230103198805121234'))
  t.notOk(raw.includes('13800001111'))
  t.notOk(raw.includes('86661234'))
  const [line] = log.lines()
  t.equal(line!.msg, '来电 138****1111 反映噪声扰民')
  t.equal(line!.note, '来电人电话139****5678，身份证230***********1234')
  t.equal(line!.nested.deep.text, '回拨 0451-****1234')
})

t.test('error messages and stacks are masked', async (t) => {
  const log = capturedLogger()
  log.logger.error({ err: new Error('duplicate caller 13912345678') }, 'insert failed')
  t.notOk(log.raw().includes('13912345678'))
  const [line] = log.lines()
  t.equal(line!.err.message, 'duplicate caller 139****5678')
  t.match(line!.err.stack, /139\*\*\*\*5678/)
})

t.test('lines stay valid JSON and numbers are left alone', async (t) => {
  const log = capturedLogger()
  log.logger.info({ durationNs: 15000000000, count: 13912345678, quote: 'say "13912345678"\n' })
  const [line] = log.lines()
  t.equal(line!.durationNs, 15000000000)
  t.equal(line!.count, 13912345678, 'a number is not a string: only redaction paths cover it')
  t.equal(line!.quote, 'say "139****5678"\n')
})

t.test('lines are JSON with an ISO time and a level label', async (t) => {
  const log = capturedLogger({ level: 'info' })
  log.logger.debug('hidden')
  log.logger.info('shown')
  const lines = log.lines()
  t.equal(lines.length, 1)
  t.equal(lines[0]!.level, 'info')
  t.match(lines[0]!.time, /^\d{4}-\d\d-\d\dT/)
  t.equal(lines[0]!.name, 'test')
})
