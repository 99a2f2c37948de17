import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'
import { createAjv } from '@hotline-hub/contracts'

/** One bad or missing variable. */
export interface ConfigIssue {
  variable: string
  message: string
}

/** Start-up refused: lists every bad or missing variable at once. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[]
  constructor(service: string, issues: ConfigIssue[]) {
    super(
      `${service}: invalid configuration\n` + issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'),
    )
    this.name = 'ConfigError'
    this.issues = issues
  }
}

/** A string limited to a list of values, as a plain JSON Schema enum (one clear error when it fails). */
export function stringEnum<T extends readonly string[]>(values: T, options: { default?: T[number]; description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

/** Variables every service reads. Each service extends this schema with its own. */
export const BaseConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Address to listen on.' }),
  LOG_LEVEL: stringEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
    default: 'info',
    description: 'pino log level.',
  }),
  DATABASE_URL: Type.Optional(
    Type.String({ description: 'PostgreSQL URL (postgres://user@host:5432/db). Unset: embedded PGlite under DATA_DIR.' }),
  ),
  DATA_DIR: Type.String({ default: './data', description: 'Embedded mode: where PGlite keeps its files.' }),
  KAFKA_BROKERS: Type.Optional(
    Type.String({ description: 'Comma-separated host:port list. Unset: the log table in the database.' }),
  ),
  KAFKA_TOPIC_PREFIX: Type.String({ default: '', description: 'Prefix for topics and consumer groups.' }),
  OTEL_TRACES_EXPORTER: stringEnum(['none', 'console', 'otlp'] as const, {
    default: 'none',
    description: 'Where spans go (otlp uses the standard OTEL_EXPORTER_OTLP_* variables).',
  }),
  INTAKE_URL: Type.Optional(
    Type.String({ format: 'uri', description: 'Distributed mode: base URL of intake (http://127.0.0.1:3001), asked who a credential belongs to. Unused where intake runs in the same process.' }),
  ),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100, description: 'Grace period on SIGTERM.' }),
})
export type BaseConfig = Static<typeof BaseConfigSchema>

/** Merges the base schema with a service's own variables. */
export function serviceConfigSchema<P extends TProperties>(props: P) {
  return Type.Composite([BaseConfigSchema, Type.Object(props)])
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/

/**
 * Validates and coerces the environment against a JSON Schema, filling
 * defaults. Never reads process.env itself: main passes it in.
 */
export function loadConfig<S extends TObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): Static<S> {
  const ajv = createAjv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false })
  const validate = ajv.compile(schema)
  const props = Object.keys(schema.properties)
  const input: Record<string, unknown> = {}
  for (const k of props) if (env[k] !== undefined && env[k] !== '') input[k] = env[k]
  const issues: ConfigIssue[] = []
  if (!validate(input)) {
    for (const e of validate.errors ?? []) {
      const variable =
        e.keyword === 'required'
          ? (e.params as { missingProperty: string }).missingProperty
          : e.instancePath.split('/')[1] ?? '(config)'
      const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''
      issues.push({ variable, message: `${e.message ?? e.keyword}${allowed}${variable in input ? `, got ${JSON.stringify(input[variable])}` : ''}` })
    }
  }
  if (typeof input.DATABASE_URL === 'string') {
    const problem = checkDatabaseUrl(input.DATABASE_URL)
    if (problem) issues.push({ variable: 'DATABASE_URL', message: problem })
  }
  if (typeof input.KAFKA_BROKERS === 'string') {
    const bad = input.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter((b) => !BROKER.test(b))
    if (bad.length) issues.push({ variable: 'KAFKA_BROKERS', message: `expected host:port[,host:port…], bad entries: ${bad.join(', ')}` })
  }
  if (issues.length) throw new ConfigError(service, dedupe(issues))
  return input as Static<S>
}

function checkDatabaseUrl(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return 'is not a URL (expected postgres://user[:password]@host[:port]/database)'
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return `protocol must be postgres: or postgresql:, got ${u.protocol}`
  if (!u.hostname) return 'has no host'
  if (u.pathname.length <= 1) return 'has no database name'
  return null
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const k = i.variable + i.message
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** KAFKA_BROKERS as a list; empty when unset. */
export const brokerList = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((b) => b.trim()).filter(Boolean)
