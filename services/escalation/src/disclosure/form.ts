/**
 * The annual report form of 依申请公开 (国办公开办函〔2021〕30号, 政府信息公开工作年度报告格式,
 * table 三 收到和处理政府信息公开申请情况): its applicant columns and its
 * outcome rows with their reasons. This is the national form, not a city
 * setting.
 */

/** 申请人情况 columns. */
export const APPLICANT_TYPES = [
  { code: 'natural', label: '自然人', group: null },
  { code: 'commercial', label: '商业企业', group: '法人或其他组织' },
  { code: 'research', label: '科研机构', group: '法人或其他组织' },
  { code: 'public-interest', label: '社会公益组织', group: '法人或其他组织' },
  { code: 'legal-service', label: '法律服务机构', group: '法人或其他组织' },
  { code: 'other', label: '其他', group: '法人或其他组织' },
] as const
export type ApplicantType = (typeof APPLICANT_TYPES)[number]['code']
export const APPLICANT_CODES = APPLICANT_TYPES.map((a) => a.code) as ApplicantType[]

/** An applicant type as a channel sends it: the code or its Chinese name. */
export function applicantTypeOf(v: unknown): ApplicantType | null {
  if (typeof v !== 'string') return null
  const s = v.trim()
  return APPLICANT_TYPES.find((a) => a.code === s || a.label === s)?.code ?? (s === '公民' || s === '个人' ? 'natural' : null)
}

/** 办理结果 with their reasons (具体情形). */
export const OUTCOMES = [
  { code: 'disclose', label: '（一）予以公开', reasons: [] },
  { code: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', reasons: [] },
  {
    code: 'withhold',
    label: '（三）不予公开',
    reasons: [
      { code: 'state-secret', label: '1.属于国家秘密' },
      { code: 'prohibited-by-law', label: '2.其他法律行政法规禁止公开' },
      { code: 'three-security-one-stability', label: '3.危及“三安全一稳定”' },
      { code: 'third-party-rights', label: '4.保护第三方合法权益' },
      { code: 'internal-affairs', label: '5.属于三类内部事务信息' },
      { code: 'process-information', label: '6.属于四类过程性信息' },
      { code: 'enforcement-files', label: '7.属于行政执法案卷' },
      { code: 'administrative-query', label: '8.属于行政查询事项' },
    ],
  },
  {
    code: 'unavailable',
    label: '（四）无法提供',
    reasons: [
      { code: 'not-held', label: '1.本机关不掌握相关政府信息' },
      { code: 'needs-creation', label: '2.没有现成信息需要另行制作' },
      { code: 'unclear-after-correction', label: '3.补正后申请内容仍不明确' },
    ],
  },
  {
    code: 'not-processed',
    label: '（五）不予处理',
    reasons: [
      { code: 'petition-or-complaint', label: '1.信访举报投诉类申请' },
      { code: 'repeated', label: '2.重复申请' },
      { code: 'publication', label: '3.要求提供公开出版物' },
      { code: 'excessive', label: '4.无正当理由大量反复申请' },
      { code: 'confirm-obtained', label: '5.要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    code: 'other',
    label: '（六）其他处理',
    reasons: [
      { code: 'no-correction', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
      { code: 'fee-unpaid', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
      { code: 'other', label: '3.其他' },
    ],
  },
] as const
export type OutcomeCode = (typeof OUTCOMES)[number]['code']
export const OUTCOME_CODES = OUTCOMES.map((o) => o.code) as OutcomeCode[]

/** The reason codes an outcome takes (none for 予以公开 and 部分公开). */
export const reasonsOf = (o: OutcomeCode): readonly string[] => OUTCOMES.find((x) => x.code === o)!.reasons.map((r) => r.code)

/** Label of an outcome with its reason: `（三）不予公开 1.属于国家秘密`. */
export function outcomeLabel(o: string | null, reason: string | null): string | null {
  const x = OUTCOMES.find((y) => y.code === o)
  if (!x) return null
  const r = (x.reasons as readonly { code: string; label: string }[]).find((y) => y.code === reason)
  return r ? `${x.label} ${r.label}` : x.label
}
