import { pino, type DestinationStream, type LevelWithSilentOrString, type Logger, type LoggerOptions as PinoOptions } from 'pino'
import { maskJsonLine } from '../masking/mask-json-line.ts'
import { PERSONAL_DATA_PATHS, REDACTED } from './personal-data-paths.ts'
import { redactPersonalData } from './redact-personal-data.ts'
import { traceMixin } from './trace-mixin.ts'

export type { Logger } from 'pino'

export interface CreateLoggerOptions {
  /** From config (`trace` … `fatal`, or `silent`), never from `process.env` here; pino throws on an unknown level. */
  level: LevelWithSilentOrString
  /** The service or module, written as `name` on every line. */
  name: string
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to capture lines. */
  destination?: DestinationStream
  /** Extra redaction paths, added to {@link PERSONAL_DATA_PATHS}. */
  redactPaths?: readonly string[]
  /** Extra fields on every line (e.g. `{ service: 'intake' }`). */
  base?: Record<string, unknown>
}

/**
 * The pino options createLogger uses, for callers that need to build the
 * logger themselves (e.g. hand options rather than an instance to a library).
 *
 * - JSON lines with an ISO `time` and the level as a label (`"level":"info"`);
 * - personal data redacted (`[REDACTED]`) by path ({@link PERSONAL_DATA_PATHS},
 *   which also reaches serializer output such as `req.headers`) and by key at
 *   any depth (redactPersonalData: `phone`, `idNumber`, everything under
 *   `caller`, credential headers…);
 * - a `streamWrite` hook masking mobile, landline and ID numbers inside every
 *   string of the finished line (`msg`, bindings, error stacks);
 * - `trace_id` / `span_id` of the active span on every line.
 */
export function loggerOptions(options: Omit<CreateLoggerOptions, 'destination'>): PinoOptions {
  return {
    level: options.level,
    name: options.name,
    base: { pid: process.pid, ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redactPersonalData(bindings),
      log: (object) => redactPersonalData(object),
    },
    redact: { paths: [...PERSONAL_DATA_PATHS, ...(options.redactPaths ?? [])], censor: REDACTED },
    mixin: traceMixin,
    hooks: { streamWrite: maskJsonLine },
  }
}

/**
 * The root logger of a process. Make one child per module:
 * `logger.child({ module: 'intake.http' })`. With Fastify, pass it as
 * `loggerInstance` so request lines get `reqId` as well.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const opts = loggerOptions(options)
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination)
}
