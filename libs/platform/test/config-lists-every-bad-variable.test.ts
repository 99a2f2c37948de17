import t from 'tap'
import { Type } from '@sinclair/typebox'
import { ConfigError, loadConfig, serviceConfigSchema, brokerList } from '../src/index.ts'

const schema = serviceConfigSchema({ PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535 }), PII_KEY: Type.String({ minLength: 32 }) })

t.test('defaults are filled and numbers coerced', async (t) => {
  const c = loadConfig('intake', schema, { PORT: '4000', PII_KEY: 'k'.repeat(32) })
  t.equal(c.PORT, 4000)
  t.equal(c.DATA_DIR, './data')
  t.equal(c.LOG_LEVEL, 'info')
  t.equal(c.DATABASE_URL, undefined)
})

t.test('every bad or missing variable is listed at once', async (t) => {
  const err = t.throws(() =>
    loadConfig('intake', schema, { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x/y', KAFKA_BROKERS: 'localhost' }),
  ) as ConfigError
  t.ok(err instanceof ConfigError)
  const vars = err.issues.map((i) => i.variable).sort()
  t.same(vars, ['DATABASE_URL', 'KAFKA_BROKERS', 'LOG_LEVEL', 'PII_KEY', 'PORT'])
  t.match(err.message, /DATABASE_URL: protocol must be postgres/)
  t.match(err.message, /PII_KEY: must have required property/)
  t.notMatch(err.message, /at .*\.ts:\d+/, 'no stack trace in the message')
})

t.test('a malformed DATABASE_URL is named', async (t) => {
  const err = t.throws(() => loadConfig('hub', schema, { PII_KEY: 'k'.repeat(32), DATABASE_URL: 'postgres//nohost' })) as ConfigError
  t.same(err.issues, [{ variable: 'DATABASE_URL', message: 'is not a URL (expected postgres://user[:password]@host[:port]/database)' }])
  const noDb = t.throws(() => loadConfig('hub', schema, { PII_KEY: 'k'.repeat(32), DATABASE_URL: 'postgres://127.0.0.1:5432' })) as ConfigError
  t.match(noDb.issues[0]!.message, /no database name/)
})

t.test('config never reads the process environment by itself', async (t) => {
  process.env.PORT = '5555'
  t.teardown(() => { delete process.env.PORT })
  t.equal(loadConfig('x', schema, { PII_KEY: 'k'.repeat(32) }).PORT, 3001)
})

t.test('broker lists', async (t) => {
  t.same(brokerList(undefined), [])
  t.same(brokerList(' a:1, b:2 ,'), ['a:1', 'b:2'])
})
