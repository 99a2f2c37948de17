/** Codes shared by every service. The Chinese terms are the ones DOMAIN.md uses. */

/** 渠道 channel codes. */
export const CHANNELS = [
  'hotline-12345', // 12345 政务服务便民热线
  'hotline-12319', // 12319 城建服务热线
  'mayor-line', // 市长公开电话
  'web-message', // 网民留言 / 读网读报
  'director-mailbox', // 局长信箱
  'radio-hotline', // 行风热线 / 纠风直通车
  'grid-supervisor', // 数字城管 监督员采集
  'video-patrol', // 视频监控主动采集
  'disclosure-request', // 依申请公开
] as const
export type Channel = (typeof CHANNELS)[number]

/** 案件状态 lifecycle states (闭环). */
export const CASE_STATUSES = [
  'received', // 受理
  'resolved_on_call', // 直接办结
  'dispatched', // 转办/派单
  'accepted', // 签收
  'returned', // 退单
  'replied', // 答复
  'closed', // 办结
  'followed_up', // 回访
  'merged', // 并单
  'reopened', // 重办
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** 诉求类型 appeal types. */
export const APPEAL_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const
export type AppealType = (typeof APPEAL_TYPES)[number]

/** 紧急程度 urgency: 紧急 (danger now), 加急 (水电气热 outage), 一般. */
export const URGENCIES = ['紧急', '加急', '一般'] as const
export type Urgency = (typeof URGENCIES)[number]

/** 回访满意度 satisfaction at follow-up. */
export const SATISFACTION = ['满意', '基本满意', '不满意'] as const
export type Satisfaction = (typeof SATISFACTION)[number]

/** Roles of users and keys. */
export const ROLES = ['operator', 'duty_officer', 'leader', 'department', 'integrator', 'admin'] as const
export type Role = (typeof ROLES)[number]
