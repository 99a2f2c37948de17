import { FIELD_NAMES } from './labels.ts'

/** What an API answered when it refused (application/problem+json), as the console keeps it. */
export interface Problem {
  status: number
  code: string | null
  /** Plain Chinese, fit to show a user. */
  message: string
  /** The offending field, as its Chinese name, when the API named one. */
  field: string | null
  retryAfterSeconds: number | null
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

const BY_STATUS: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '当前账号无权执行此操作',
  404: '要找的记录不存在或已被删除',
  409: '该记录已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  415: '提交的内容格式不受支持',
  422: '提交的内容不完整或不符合要求',
  429: '操作过于频繁，请稍后再试',
  503: '系统暂时不可用（数据库或消息队列正在恢复），请稍后重试',
}

const fieldOf = (pointer: unknown): string | null => {
  if (typeof pointer !== 'string' || pointer === '') return null
  const last = pointer.split('/').filter(Boolean).pop() ?? ''
  return FIELD_NAMES[last] ?? null
}

/**
 * Turns an API's answer into a Problem: its `message_zh` when it has one
 * (every service's error catalog gives one), else a plain sentence for the
 * status. Never a stack, a code or English.
 */
export function problemOf(status: number, body: unknown, retryAfter: string | null = null): Problem {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const errors = Array.isArray(b.errors) ? (b.errors as Record<string, unknown>[]) : []
  const field = fieldOf(b.pointer) ?? fieldOf(errors[0]?.pointer)
  const zh = typeof b.message_zh === 'string' && /[\u4e00-\u9fff]/.test(b.message_zh) ? b.message_zh : null
  let message = zh ?? BY_STATUS[status] ?? (status >= 500 ? '系统出现故障，请稍后重试或联系管理员' : '操作未成功，请检查后重试')
  if (field && !message.includes(field)) message = `${message}（${field}）`
  const retry = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null
  if (retry !== null && status === 503) message = `${message}，约 ${retry} 秒后可重试`
  return { status, code: typeof b.code === 'string' ? b.code : null, message, field, retryAfterSeconds: retry }
}

/** A request that never got an answer. */
export function networkProblem(): Problem {
  return { status: 0, code: null, message: '无法连接服务器，请检查网络连接后重试', field: null, retryAfterSeconds: null }
}

/** Any thrown thing, as a sentence to show. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.problem.message
  return '操作未成功，请稍后重试'
}
