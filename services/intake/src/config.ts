import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the intake service itself (the embedded hub reads them too). */
export const INTAKE_CONFIG = {
  PII_ENCRYPTION_KEY: Type.Optional(Type.String({ description: 'AES-256-GCM key for raw personal data, 32 bytes base64. Required with DATABASE_URL; embedded mode generates one into DATA_DIR.' })),
  PII_HASH_KEY: Type.Optional(Type.String({ description: 'HMAC key for phone hashes (repeat callers), ≥32 bytes base64. Same rule as PII_ENCRYPTION_KEY.' })),
  SESSION_TTL_MINUTES: Type.Integer({ default: 480, minimum: 5, description: 'How long a sign-in lasts.' }),
  API_KEY_RATE_PER_MIN: Type.Integer({ default: 6000, minimum: 1, description: 'Default request rate of a new integrator key.' }),
  API_KEY_ROTATION_GRACE_HOURS: Type.Integer({ default: 24, minimum: 0, description: 'How long a rotated key keeps working.' }),
  CASE_BODY_LIMIT_BYTES: Type.Integer({ default: 262144, minimum: 1024, description: 'Largest case payload.' }),
  IMPORT_BODY_LIMIT_BYTES: Type.Integer({ default: 104857600, minimum: 1024, description: 'Largest bulk NDJSON import.' }),
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ default: 8, minimum: 1, maximum: 100, description: 'Attempts per webhook delivery (集成方回调) before it is marked failed.' }),
  WEBHOOK_BASE_DELAY_MS: Type.Integer({ default: 1000, minimum: 1, description: 'Delay before the first webhook retry; doubled after each failed attempt.' }),
  WEBHOOK_MAX_DELAY_MS: Type.Integer({ default: 3600000, minimum: 1, description: 'Longest delay between two webhook attempts (cap of the exponential backoff).' }),
}

/** The standalone intake service's configuration, validated at start-up. */
export const IntakeConfigSchema = serviceConfigSchema({
  ...INTAKE_CONFIG,
  PORT: Type.Integer({ default: 3001, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone intake service.' }),
})
export type IntakeConfig = Static<typeof IntakeConfigSchema>
