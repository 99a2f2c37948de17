/**
 * Bad configuration ends start-up with a message that names the variable,
 * not a stack trace.
 */
import t from 'tap'
import { spawnTs } from '../support/spawn.ts'

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m

async function start(env: Record<string, string>) {
  const p = spawnTs('services/hub/src/main.ts', { PORT: '0', DATA_DIR: '/tmp/hh-never-used', ...env })
  const { code } = await p.exited
  return { code, stderr: p.stderr() }
}

t.test('a malformed DATABASE_URL', async (t) => {
  const { code, stderr } = await start({ DATABASE_URL: 'postgres//nohost/db' })
  t.equal(code, 78, 'exits with EX_CONFIG')
  t.match(stderr, /DATABASE_URL: is not a URL/)
  t.notMatch(stderr, STACK_LINE, 'no stack trace')
})

t.test('several bad variables are listed together', async (t) => {
  const { code, stderr } = await start({ DATABASE_URL: 'mysql://h/db', LOG_LEVEL: 'chatty', PORT: 'http' })
  t.equal(code, 78)
  t.match(stderr, /DATABASE_URL: protocol must be postgres/)
  t.match(stderr, /LOG_LEVEL: must be equal to one of the allowed values/)
  t.match(stderr, /PORT: must be integer/)
  t.notMatch(stderr, STACK_LINE)
})

t.test('an unreachable database', async (t) => {
  const { code, stderr } = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/hotline' })
  t.equal(code, 69, 'exits with EX_UNAVAILABLE')
  t.match(stderr, /DATABASE_URL/)
  t.notMatch(stderr, STACK_LINE)
})

t.test('an unreachable Kafka at start-up', async (t) => {
  const { code, stderr } = await start({ KAFKA_BROKERS: '127.0.0.1:1' })
  t.equal(code, 69)
  t.match(stderr, /KAFKA_BROKERS=127\.0\.0\.1:1 cannot be reached/)
  t.notMatch(stderr, STACK_LINE)
})
