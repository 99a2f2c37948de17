import { defineErrorCatalog } from '@hotline-hub/platform'

/**
 * The escalation service's error catalog. Codes are stable: a code that is
 * retired goes to the retired list and is never reused. docs/errors.md
 * lists every code; a test keeps the two in sync. Each part of the service
 * adds its codes here, in its own block.
 */
export const errors = defineErrorCatalog(
  'ESCALATION',
  {
    // access
    UNAUTHENTICATED: { status: 401, zh: '请先登录或提供有效的 API 密钥', en: 'Sign in or send a valid API key' },
    FORBIDDEN_ROLE: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
    // data files
    RELOAD_REFUSED: { status: 422, zh: '规则文件有误，未重新加载，原规则继续生效', en: 'A rule file is invalid; nothing was reloaded and the old rules stay in force' },
    CASE_NOT_TRACKED: { status: 404, zh: '该诉求件尚未进入督办统计', en: 'The case is not known to escalation (yet)' },
  },
  [],
)
