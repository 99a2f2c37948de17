import { Type, type Static } from '@sinclair/typebox'
import { serviceConfigSchema } from '@hotline-hub/platform'

/** Variables of the escalation service itself (the embedded hub reads them too). */
export const ESCALATION_CONFIG = {
  ESCALATION_SLA_POLICY: Type.Optional(Type.String({ description: 'The SLA policy file (时限规则). Default: the shipped services/escalation/data/sla-policy.yaml.' })),
  ESCALATION_CALENDAR_DIR: Type.Optional(Type.String({ description: 'Folder of the working-day calendar years (YYYY.json). Default: the shipped libs/calendar/data.' })),
  ESCALATION_BATCH_SIZE: Type.Integer({ default: 200, minimum: 1, maximum: 5000, description: 'Events fetched from the log per batch.' }),
  // emergency reporting (突发事件信息报告) and disclosure requests (依申请公开)
  ESCALATION_EMERGENCY_RULES: Type.Optional(Type.String({ description: 'The emergency trigger rules and reporting deadlines file. Default: the shipped services/escalation/data/emergency-rules.yaml.' })),
  ESCALATION_EMERGENCY_WEBHOOK_URL: Type.Optional(Type.String({ minLength: 1, description: 'Where approved emergency reports are sent (市政府应急办), by signed POST. Unset: approved reports are not sent anywhere.' })),
  ESCALATION_EMERGENCY_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16, description: 'HMAC-SHA256 secret of X-Hotline-Signature on emergency report deliveries; required with the URL.' })),
  ESCALATION_EMERGENCY_RETRY_BASE_MS: Type.Integer({ default: 2000, minimum: 1, description: 'First retry delay of a failed emergency report delivery, doubled each attempt.' }),
  ESCALATION_EMERGENCY_RETRY_MAX_MS: Type.Integer({ default: 600000, minimum: 1, description: 'Longest delay between emergency report delivery attempts.' }),
  ESCALATION_EMERGENCY_POLL_MS: Type.Integer({ default: 1000, minimum: 10, description: 'How often pending emergency report deliveries are looked for.' }),
  ESCALATION_EMERGENCY_SWEEP_MS: Type.Integer({ default: 30000, minimum: 10, description: 'How often missed reporting deadlines and commitments are checked (迟报 → ledger).' }),
  ESCALATION_DISCLOSURE_POLICY: Type.Optional(Type.String({ description: 'The disclosure request deadlines file (依申请公开时限). Default: the shipped services/escalation/data/disclosure-policy.yaml.' })),
  // sla: the deadline clock (时限与预警) and the console's live stream
  ESCALATION_SLA_TICK_MS: Type.Integer({ default: 5000, minimum: 0, maximum: 3600000, description: 'How often the SLA clock looks for warnings (预警) and breaches (超期), in ms. 0: this process runs no clock (tests; a replica that only serves reads).' }),
  ESCALATION_STREAM_POLL_MS: Type.Integer({ default: 250, minimum: 20, maximum: 60000, description: 'How often the live stream (GET /api/v1/stream) reads new messages while someone is connected, in ms.' }),
  ESCALATION_STREAM_HEARTBEAT_MS: Type.Integer({ default: 15000, minimum: 100, maximum: 300000, description: 'Heartbeat comment interval on live stream connections, in ms.' }),
  ESCALATION_LIVE_RETENTION_DAYS: Type.Integer({ default: 30, minimum: 1, maximum: 3650, description: 'Days live stream messages are kept for reconnecting consoles (Last-Event-ID).' }),
  // stats (统计): ranking weights, channel vocabulary and the report schedule
  ESCALATION_STATS_RANKING: Type.Optional(Type.String({ description: 'The ranking file (综合排名权重与最小样本). Default: the shipped services/escalation/data/ranking.yaml.' })),
  ESCALATION_STATS_CHANNELS: Type.Optional(Type.String({ description: 'The statistics vocabulary file (渠道名称、条线). Default: the shipped services/escalation/data/stats-channels.yaml.' })),
  ESCALATION_REPORTS_CHECK_MS: Type.Integer({ default: 60000, minimum: 0, maximum: 3600000, description: 'How often the report schedule checks that the last 日报 and 周报 exist, in ms. 0: this process makes no scheduled reports.' }),
}

/** The standalone escalation service's configuration, validated at start-up. */
export const EscalationConfigSchema = serviceConfigSchema({
  ...ESCALATION_CONFIG,
  PORT: Type.Integer({ default: 3003, minimum: 0, maximum: 65535, description: 'HTTP port of the standalone escalation service.' }),
})
export type EscalationConfig = Static<typeof EscalationConfigSchema>
