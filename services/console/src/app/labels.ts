/** 中文名称 of the codes the APIs use. */

export const CHANNEL_NAMES: Record<string, string> = {
  'hotline-12345': '12345 政务服务便民热线',
  'hotline-12319': '12319 城建服务热线',
  'mayor-line': '市长公开电话',
  'web-message': '网民留言',
  'director-mailbox': '局长信箱',
  'radio-hotline': '行风热线',
  'grid-supervisor': '数字城管监督员',
  'video-patrol': '视频巡查',
  'disclosure-request': '依申请公开',
}

export const STATUS_NAMES: Record<string, string> = {
  received: '已受理',
  resolved_on_call: '直接办结',
  dispatched: '已转办',
  accepted: '已签收',
  returned: '已退单',
  replied: '已答复',
  closed: '已办结',
  followed_up: '已回访',
  merged: '已并单',
  reopened: '重办',
}

/** States in which a case still needs someone (the duty board shows these). */
export const OPEN_STATUSES = ['received', 'dispatched', 'accepted', 'returned', 'replied', 'reopened'] as const

export const ROLE_NAMES: Record<string, string> = {
  operator: '话务员',
  duty_officer: '值班员',
  leader: '领导',
  department: '承办单位',
  admin: '系统管理员',
  integrator: '接入方',
}

export const URGENCIES = ['紧急', '加急', '一般'] as const
export const APPEAL_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const

export const REPORT_STATUS_NAMES: Record<string, string> = {
  draft: '草稿',
  pending_approval: '待审批',
  approved: '已批准',
  rejected: '已退回',
}

export const ALERT_NAMES: Record<string, string> = {
  'sla.warning': '临期预警',
  'sla.breach': '超期督办',
  'emergency.opened': '突发事件',
  'emergency.report.submitted': '报告待审批',
  'emergency.report.approved': '报告已批准',
  'emergency.report.rejected': '报告被退回',
  'emergency.report.delivered': '报告已报送',
  'emergency.report.delivery_failed': '报告报送失败',
  'emergency.report.created': '新报告草稿',
  'emergency.report.updated': '报告已修改',
  'emergency.case_joined': '新诉求并入事件',
  'emergency.deadline.met': '报告时限已完成',
  'emergency.commitment.done': '承诺事项已兑现',
}

export const DIMENSIONS: readonly (readonly [string, string])[] = [
  ['department', '承办单位'],
  ['channel', '渠道'],
  ['topic', '类别'],
  ['district', '区县'],
]

/** Field names of request bodies, for error messages that name the field in Chinese. */
export const FIELD_NAMES: Record<string, string> = {
  channel: '渠道',
  content: '诉求内容',
  phone: '来电号码',
  name: '诉求人姓名',
  idNumber: '身份证号',
  address: '地址',
  district: '区县',
  department: '承办单位',
  reason: '理由',
  reply: '答复内容',
  comment: '审批意见',
  username: '用户名',
  password: '密码',
}

/** The classifier's first-level topics (services/classifier/src/topic/labels.ts). */
export const TOPICS = ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生'] as const
