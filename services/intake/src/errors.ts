import { defineErrorCatalog } from '@hotline-hub/platform'

/**
 * The intake service's error catalog. Codes are stable: a code that is
 * retired goes to the retired list and is never reused. docs/errors.md
 * lists every code; a test keeps the two in sync.
 */
export const errors = defineErrorCatalog(
  'INTAKE',
  {
    UNKNOWN_CHANNEL: { status: 400, zh: '未知的受理渠道', en: 'Unknown channel' },
    INVALID_PHONE: { status: 400, zh: '电话号码无效', en: 'Impossible phone number' },
    INVALID_ID_NUMBER: { status: 400, zh: '身份证号码无效（校验位不符或日期不存在）', en: 'Impossible ID number (checksum or date)' },
    FUTURE_TIMESTAMP: { status: 400, zh: '时间晚于当前时间', en: 'Timestamp is in the future' },
    EMPTY_CONTENT: { status: 400, zh: '诉求内容不能为空', en: 'Content is empty' },
    UNAUTHENTICATED: { status: 401, zh: '请先登录或提供有效的 API 密钥', en: 'Sign in or send a valid API key' },
    BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
    FORBIDDEN_ROLE: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
    CHANNEL_NOT_ALLOWED: { status: 403, zh: '该密钥无权使用此渠道', en: 'This key is not allowed to use this channel' },
    CASE_NOT_FOUND: { status: 404, zh: '诉求件不存在', en: 'Case not found' },
    ILLEGAL_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作', en: 'Illegal lifecycle transition for the current state' },
    MERGE_TARGET_INVALID: { status: 409, zh: '并单的主件无效', en: 'Invalid primary case for merge' },
    IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '同一幂等键已用于不同的请求', en: 'Idempotency-Key already used for a different request' },
    RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; retry later' },
    IMPORT_TOO_LARGE: { status: 413, zh: '批量导入内容过大', en: 'Bulk import is too large' },
  },
  [],
)
