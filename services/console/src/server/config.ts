import { Type, type Static } from '@sinclair/typebox'
import { ConfigError, loadConfig, serviceConfigSchema, type ConfigIssue } from '@hotline-hub/platform'
import type { Upstream } from './routing.ts'

/** Where intake listens when INTAKE_URL is unset (the platform's INTAKE_URL has no default: the hub does not need one). */
export const DEFAULT_INTAKE_URL = 'http://127.0.0.1:3001'

/** A base URL of a service; a path prefix is kept (http://gateway/classifier). http(s) only: see loadConsoleConfig. */
const serviceUrl = (port: number, name: string) =>
  Type.String({
    format: 'uri',
    default: `http://127.0.0.1:${port}`,
    description: `Distributed mode: base URL of ${name}, where the console's server sends its /api requests.`,
  })

/**
 * Distributed mode: the console's own server. The platform's base
 * variables (HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, INTAKE_URL…) plus the
 * port and the two other services' URLs. INTAKE_URL is the base
 * schema's own, reused rather than defined twice; {@link upstreamUrls}
 * fills its default.
 */
export const ConsoleConfigSchema = serviceConfigSchema({
  CONSOLE_PORT: Type.Integer({ default: 3004, minimum: 0, maximum: 65535, description: "HTTP port of the console's server." }),
  CLASSIFIER_URL: serviceUrl(3002, 'classifier'),
  ESCALATION_URL: serviceUrl(3003, 'escalation'),
})
export type ConsoleConfig = Static<typeof ConsoleConfigSchema>

const HTTP_URL = /^https?:\/\//
const URL_VARIABLES = ['INTAKE_URL', 'CLASSIFIER_URL', 'ESCALATION_URL'] as const

/**
 * Validates an environment (main passes process.env); throws ConfigError
 * listing every bad variable at once. A URI of another scheme passes the
 * schema's `format: 'uri'` (and the base schema's INTAKE_URL is not ours to
 * narrow), but the proxy speaks only http(s): checked here, one message per
 * variable.
 */
export function loadConsoleConfig(env: Record<string, string | undefined>): ConsoleConfig {
  const own: ConfigIssue[] = URL_VARIABLES.filter((v) => env[v] && !HTTP_URL.test(env[v])).map((v) => ({
    variable: v,
    message: `must be an http:// or https:// URL, got ${JSON.stringify(env[v])}`,
  }))
  let config: ConsoleConfig
  try {
    config = loadConfig('console', ConsoleConfigSchema, env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    const named = new Set(err.issues.map((i) => i.variable))
    throw new ConfigError('console', [...err.issues, ...own.filter((i) => !named.has(i.variable))])
  }
  if (own.length) throw new ConfigError('console', own)
  return config
}

/** The base URL of each service, without a trailing slash. */
export function upstreamUrls(config: ConsoleConfig): Record<Upstream, string> {
  const trim = (u: string) => u.replace(/\/+$/, '')
  return {
    intake: trim(config.INTAKE_URL ?? DEFAULT_INTAKE_URL),
    classifier: trim(config.CLASSIFIER_URL),
    escalation: trim(config.ESCALATION_URL),
  }
}
