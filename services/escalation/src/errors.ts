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
    // emergency reporting (突发事件信息报告) and the accountability ledger (舆情回应台账)
    EMERGENCY_NOT_FOUND: { status: 404, zh: '突发事件不存在', en: 'No such emergency incident' },
    EMERGENCY_CLOSED: { status: 409, zh: '该突发事件已终报或已关闭', en: 'The incident is closed (final report approved)' },
    REPORT_NOT_FOUND: { status: 404, zh: '报告不存在', en: 'No such report' },
    REPORT_INCOMPLETE: { status: 422, zh: '报告缺少必填内容，不能提交审批', en: 'The report lacks required fields and cannot be submitted for approval' },
    REPORT_WRONG_STATE: { status: 409, zh: '报告当前状态不允许此操作', en: 'The report is not in a state that allows this' },
    REPORT_STAGE_NOT_ALLOWED: { status: 409, zh: '须在上一份报告审批通过后才能续报或终报', en: 'A follow-up or final report needs the previous report approved first' },
    DEADLINE_UNKNOWN: { status: 422, zh: '该报告没有这一时限', en: 'The report has no such deadline' },
    COMMITMENT_NOT_FOUND: { status: 404, zh: '承诺事项不存在', en: 'No such commitment' },
    EMERGENCY_TIME_OUT_OF_RANGE: { status: 422, zh: '时间不能早于接报时间，也不能晚于当前时间', en: 'The time must lie between 接报 and now' },
    // disclosure requests (依申请公开)
    DISCLOSURE_NOT_FOUND: { status: 404, zh: '依申请公开件不存在', en: 'No such disclosure request' },
    DISCLOSURE_CLOSED: { status: 409, zh: '该申请已有办理结果', en: 'The request already has its outcome' },
    DISCLOSURE_EXTENSION_USED: { status: 409, zh: '延期只能一次', en: 'The period can be extended only once' },
    DISCLOSURE_EXTENSION_TOO_LATE: { status: 409, zh: '答复期限已过，不能再延期', en: 'The answer period is over; it can no longer be extended' },
    DISCLOSURE_CORRECTION_USED: { status: 409, zh: '补正只能一次性告知', en: 'A correction (补正) is requested once only' },
    DISCLOSURE_NO_CORRECTION_PENDING: { status: 409, zh: '没有待补正的通知', en: 'No correction (补正) is awaited' },
    DISCLOSURE_CONSULTATION_STATE: { status: 409, zh: '征求第三方意见的状态不允许此操作', en: 'A third-party consultation is already open, or none is open' },
    DISCLOSURE_BAD_REASON: { status: 422, zh: '办理结果的具体情形不正确', en: 'The outcome reason is missing or not one of the outcome\'s reasons' },
    DISCLOSURE_APPLICANT_TYPE_MISSING: { status: 422, zh: '有申请未登记申请人类型，无法统计年度报表', en: 'Some requests have no applicant type; the annual table cannot be produced' },
    DISCLOSURE_TABLE_UNBALANCED: { status: 422, zh: '年度报表勾稽关系不平衡（本年新收+上年结转≠办理结果总计+结转下年度）', en: 'The annual table does not reconcile (new + carried in ≠ total outcomes + carried forward)' },
    DISCLOSURE_TIME_OUT_OF_RANGE: { status: 422, zh: '时间不能早于收到申请之日，也不能晚于当前时间', en: 'The time must lie between the receipt and now' },
    // stats (统计): statistics, ranking, exports and the daily/weekly reports (日报/周报)
    STATS_BAD_PERIOD: { status: 400, zh: '统计期间有误', en: 'The statistics period is invalid' },
    STATS_RANGE_TOO_LONG: { status: 400, zh: '统计期间过长', en: 'The statistics period is too long' },
    STATS_REPORT_NOT_FOUND: { status: 404, zh: '统计报表不存在', en: 'No such statistics report' },
    // sla: deadlines, 补正 pauses, overdue lists and the live stream
    CASE_OF_ANOTHER_DEPARTMENT: { status: 403, zh: '该诉求件不由本单位承办', en: 'The case is with another department' },
    CASE_NOT_OPEN: { status: 409, zh: '该诉求件已办结，计时已停止', en: 'The case is no longer open; its clock has stopped' },
    PAUSE_ALREADY_OPEN: { status: 409, zh: '该诉求件已在补正暂停计时中', en: 'The case clock is already paused (补正)' },
    NO_OPEN_PAUSE: { status: 409, zh: '该诉求件当前没有暂停计时', en: 'The case clock is not paused' },
    LAST_EVENT_ID_INVALID: { status: 400, zh: 'Last-Event-ID 无效', en: 'Last-Event-ID must be a message id this stream sent' },
  },
  [],
)
