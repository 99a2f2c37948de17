import t from 'tap'
import { DbConfigError, DbUnavailableError, openDb } from '../src/index.ts'

t.test('a malformed DATABASE_URL is a DbConfigError naming DATABASE_URL', async (t) => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['not a url', /cannot be parsed/],
    ['localhost:5432/db', /scheme|cannot be parsed/],
    ['mysql://u:p@localhost/db', /scheme must be postgres/],
    ['postgres://u:p%zz@localhost/db', /percent-encoding/],
    ['postgres://u:secret@localhost:99999/db', /cannot be parsed/],
    ['postgres:///db', /no host/],
    ['postgres://hh:se@cret%word@db.example:5432/hotline', /percent-encoding/],
  ]
  for (const [url, why] of cases) {
    const err = await openDb({ url }).then(
      () => undefined,
      (e: unknown) => e,
    )
    t.type(err, DbConfigError, `${JSON.stringify(url)} → DbConfigError`)
    const message = (err as Error).message
    t.match(message, /^DATABASE_URL is not a valid PostgreSQL URL/, 'names DATABASE_URL first')
    t.match(message, why, 'says what is wrong')
    t.notMatch(message, /secret|p%zz|cret%word/, 'never shows the password')
    t.notMatch(message, /\n\s+at /, 'no stack trace in the message')
  }
})

t.test('an unreachable server is a DbUnavailableError with the cause', async (t) => {
  // port 1 on loopback: nothing listens, the connection is refused at once
  const err = await openDb({ url: 'postgres://postgres:hunter2@127.0.0.1:1/nowhere', connectionTimeoutMillis: 2000 }).then(
    () => undefined,
    (e: unknown) => e,
  )
  t.type(err, DbUnavailableError)
  t.match((err as Error).message, /cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere \(DATABASE_URL\)/)
  t.notMatch((err as Error).message, /hunter2/)
  t.match((err as Error & { cause: { code?: string } }).cause, { code: 'ECONNREFUSED' }, 'the cause is kept')
})

t.test('openDb without url or dataDir is a DbConfigError', async (t) => {
  await t.rejects(openDb({} as never), DbConfigError)
  await t.rejects(openDb({ dataDir: '' }), DbConfigError)
})
