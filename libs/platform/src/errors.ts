/**
 * Error catalogs with stable codes, answered as application/problem+json
 * (RFC 9457). Each service defines its own catalog with its own prefix
 * (INTAKE_ERR_*, CLASSIFIER_ERR_*, ESCALATION_ERR_*). A code, once
 * published, is never reused for another meaning: retired codes stay listed.
 */

export interface ErrorSpec {
  status: number
  /** Message in Chinese, shown to people. */
  zh: string
  /** Message in English, for integrators and logs. */
  en: string
}

/** Errors every service answers the same way; each catalog carries them under its own prefix. */
export const COMMON_ERRORS = {
  VALIDATION: { status: 400, zh: '请求内容不符合要求', en: 'The request does not match the schema' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  BAD_ENCODING: { status: 400, zh: '请求体的字符编码无效', en: 'The request body is not valid in its declared charset' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  UNAVAILABLE: { status: 503, zh: '服务暂时不可用，请稍后重试', en: 'Service temporarily unavailable; retry later' },
  INTERNAL: { status: 500, zh: '服务内部错误', en: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>

export type CommonErrorName = keyof typeof COMMON_ERRORS

/** A problem that a route raises on purpose. */
export class ProblemError extends Error {
  readonly code: string
  readonly status: number
  readonly zh: string
  /** JSON pointer of the offending field, when there is one. */
  readonly pointer: string | undefined
  readonly errors: { pointer: string; detail: string }[]
  readonly retryAfterSeconds: number | undefined
  constructor(
    code: string,
    spec: ErrorSpec,
    opts: { detail?: string; pointer?: string; errors?: { pointer: string; detail: string }[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(opts.detail ?? spec.en, { cause: opts.cause })
    this.name = 'ProblemError'
    this.code = code
    this.status = spec.status
    this.zh = spec.zh
    this.pointer = opts.pointer ?? opts.errors?.[0]?.pointer
    this.errors = opts.errors ?? (opts.pointer ? [{ pointer: opts.pointer, detail: opts.detail ?? spec.en }] : [])
    this.retryAfterSeconds = opts.retryAfterSeconds
  }
}

export interface ErrorCatalog<N extends string> {
  readonly prefix: string
  readonly specs: Readonly<Record<N | CommonErrorName, ErrorSpec>>
  /** Codes that were published once and must never come back with another meaning. */
  readonly retired: readonly string[]
  code(name: N | CommonErrorName): string
  /** Builds the error to throw: `throw errors.create('UNKNOWN_CHANNEL', { pointer: '/channel' })`. */
  create(name: N | CommonErrorName, opts?: ConstructorParameters<typeof ProblemError>[2]): ProblemError
  /** Every code with its spec, for docs and tests. */
  list(): { code: string; spec: ErrorSpec }[]
}

export function defineErrorCatalog<N extends string>(
  prefix: string,
  own: Record<N, ErrorSpec>,
  retired: readonly string[] = [],
): ErrorCatalog<N> {
  const specs = { ...COMMON_ERRORS, ...own } as Record<N | CommonErrorName, ErrorSpec>
  const code = (name: N | CommonErrorName) => `${prefix}_ERR_${name}`
  for (const name of Object.keys(specs)) {
    if (retired.includes(code(name as N))) throw new Error(`error code ${code(name as N)} is retired and cannot be reused`)
  }
  return {
    prefix,
    specs,
    retired,
    code,
    create: (name, opts) => new ProblemError(code(name), specs[name], opts),
    list: () => Object.entries(specs).map(([name, spec]) => ({ code: code(name as N), spec: spec as ErrorSpec })),
  }
}

/** Errors of the runtime itself (unknown routes, health), outside any service. */
export const platformErrors = defineErrorCatalog('PLATFORM', {})
