import { DbConfigError } from './errors.ts'

/** A DATABASE_URL that was checked before pg sees it. */
export interface ParsedDatabaseUrl {
  url: string
  /** The URL with any password replaced by `***`, for messages and logs. */
  redacted: string
  host: string
  port: number
  database: string
}

/** Replaces the password of a (possibly malformed) URL with `***`. */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)
  if (!scheme) return url
  const start = scheme[0].length
  // the last '@' ends the credentials, even when an unencoded '@' is in the password
  const at = url.lastIndexOf('@')
  if (at < start) return url
  const colon = url.indexOf(':', start)
  if (colon === -1 || colon > at) return url
  return `${url.slice(0, colon + 1)}***${url.slice(at)}`
}

function fail(url: string, why: string, cause?: unknown): never {
  const shown = url === '' ? '(empty)' : redactUrl(url)
  throw new DbConfigError(
    `DATABASE_URL is not a valid PostgreSQL URL (${why}): ${shown}. ` +
      `Expected postgres://user:password@host:5432/database, with special characters in user or password percent-encoded.`,
    cause === undefined ? undefined : { cause },
  )
}

/**
 * Checks a PostgreSQL URL the way pg would read it, so a malformed value
 * becomes one clear DbConfigError naming DATABASE_URL instead of a TypeError
 * or URIError thrown later from inside the pool.
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (typeof url !== 'string' || url.trim() === '') fail(String(url ?? ''), 'it is empty')
  let u: URL
  try {
    u = new URL(url)
  } catch (err) {
    fail(url, 'it cannot be parsed as a URL', err)
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    fail(url, `scheme must be postgres:// or postgresql://, not ${u.protocol}//`)
  }
  let database: string
  try {
    decodeURIComponent(u.username)
    decodeURIComponent(u.password)
    database = decodeURIComponent(u.pathname.replace(/^\//, ''))
    for (const [, value] of u.searchParams) void value
  } catch (err) {
    fail(url, 'bad percent-encoding in user, password or database', err)
  }
  const socketHost = u.searchParams.get('host')
  if (u.hostname === '' && !socketHost) fail(url, 'it has no host')
  if (database.includes('/')) fail(url, 'database name contains "/"')
  const port = u.port === '' ? 5432 : Number(u.port)
  return { url, redacted: redactUrl(url), host: u.hostname || socketHost || '', port, database: database || decodeURIComponent(u.username) || 'postgres' }
}
