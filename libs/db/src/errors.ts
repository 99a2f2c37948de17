/**
 * Errors raised by @hotline-hub/db. Each has a stable `code` so callers can
 * branch without `instanceof` across module copies.
 */

/** The configuration (DATABASE_URL, dataDir, options) is unusable. */
export class DbConfigError extends Error {
  readonly code = 'DB_CONFIG'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DbConfigError'
  }
}

/** The database cannot be reached or opened (server down, data folder in use, ...). */
export class DbUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DbUnavailableError'
  }
}

/**
 * The Db was used in a way that would deadlock on PGlite or silently escape
 * a transaction: a nested `transaction`, `db.query` inside `db.transaction`,
 * or any use after `close()`.
 */
export class DbUsageError extends Error {
  readonly code = 'DB_USAGE'
  constructor(message: string) {
    super(message)
    this.name = 'DbUsageError'
  }
}

/** An applied migration file was edited afterwards: its sha256 no longer matches. */
export class MigrationChecksumError extends Error {
  readonly code = 'MIGRATION_CHECKSUM'
  constructor(
    readonly schema: string,
    readonly file: string,
    readonly appliedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      `migration ${file} of schema "${schema}" was changed after it was applied ` +
        `(applied sha256 ${appliedChecksum}, file now ${fileChecksum}); ` +
        `restore the file and put the change in a new migration`,
    )
    this.name = 'MigrationChecksumError'
  }
}

/** The migrations folder is malformed (bad file name, duplicate number, unreadable). */
export class MigrationFileError extends Error {
  readonly code = 'MIGRATION_FILE'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MigrationFileError'
  }
}

/** A migration file failed to apply; its transaction was rolled back. */
export class MigrationFailedError extends Error {
  readonly code = 'MIGRATION_FAILED'
  constructor(
    readonly schema: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(`migration ${file} of schema "${schema}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'MigrationFailedError'
  }
}
