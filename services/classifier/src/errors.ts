import { defineErrorCatalog } from '@hotline-hub/platform'

/**
 * The classifier service's error catalog. Codes are stable: a code that is
 * retired goes to the retired list and is never reused. docs/errors.md
 * lists every code; a test keeps the two in sync.
 */
export const errors = defineErrorCatalog(
  'CLASSIFIER',
  {
    UNAUTHENTICATED: { status: 401, zh: '请先登录或提供有效的 API 密钥', en: 'Sign in or send a valid API key' },
    FORBIDDEN_ROLE: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
    CASE_NOT_CLASSIFIED: { status: 404, zh: '该诉求件尚未分类', en: 'The case has not been classified yet' },
    INVALID_TAG_VALUE: { status: 400, zh: '改判的标签值无效', en: 'Not a valid value for this tag' },
    TEXT_REQUIRED: { status: 400, zh: '尚未分类的诉求件改判时须提供文本', en: 'A correction of a case not yet classified needs its text' },
    RELOAD_REFUSED: { status: 422, zh: '规则文件有误，未重新加载，原规则继续生效', en: 'A rule file is invalid; nothing was reloaded and the old rules stay in force' },
  },
  [],
)
