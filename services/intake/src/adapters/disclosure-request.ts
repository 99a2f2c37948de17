/**
 * 依申请公开 (seed 001 (36): 接收、登记、办理、答复; seed 003: 依申请公开
 * workflow; seed 004: 41 requests in 2019). An application registered by the
 * disclosure office (政府信息公开申请表). `receivedDate` is a date only: the
 * legal deadline counts working days from the day of receipt, so the case is
 * received at 00:00 China time of that day. The applicant types are the
 * columns of the annual report table (国办公开办函〔2021〕30号).
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Address, CalendarDate, Enum, IdNumberText, PhoneText, Text, compact, forbids, requires } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

export const APPLICANT_TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const
/** 获取信息的方式 how the applicant wants to receive the information. */
export const DELIVERY_METHODS = ['邮寄', '电子邮件', '传真', '自行领取', '当场阅读抄录'] as const

export const DisclosureRequestSchema = Type.Object(
  {
    applicationNo: Type.String({ pattern: '^[A-Z]{2,6}-[0-9]{4}-[0-9]{3,6}$', description: '申请编号 application number' }),
    receivedDate: CalendarDate('收到申请日期 date of receipt'),
    applicantType: Enum(APPLICANT_TYPES, '申请人类型 applicant type'),
    applicantName: Text(100, { description: '申请人姓名/名称 applicant (person or organisation)' }),
    idNumber: Type.Optional(IdNumberText('身份证号码 ID number (自然人)')),
    orgCode: Type.Optional(
      Type.String({
        pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
        description: '统一社会信用代码 unified social credit code (organisations)',
      }),
    ),
    phone: PhoneText('联系电话 phone'),
    address: Type.Optional(Address('通信地址 postal address')),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: '电子邮箱 e-mail' })),
    requestedInformation: Text(4000, { description: '所需政府信息的名称、文号或内容描述 information requested' }),
    purpose: Type.Optional(Text(500, { description: '用途 stated purpose (optional since the 2019 条例)' })),
    deliveryMethod: Enum(DELIVERY_METHODS, '获取信息方式 delivery method'),
  },
  {
    additionalProperties: false,
    allOf: [
      // A natural person has no credit code; an organisation has no ID card number.
      {
        if: { properties: { applicantType: { const: '自然人' } } },
        then: forbids('orgCode'),
        else: forbids('idNumber'),
      },
      { if: { properties: { deliveryMethod: { const: '邮寄' } } }, then: requires('address') },
      { if: { properties: { deliveryMethod: { const: '电子邮件' } } }, then: requires('email') },
    ],
  },
)
export type DisclosureRequestPayload = Static<typeof DisclosureRequestSchema>

function normalize(p: DisclosureRequestPayload): Normalized {
  return {
    input: {
      channel: 'disclosure-request',
      externalId: p.applicationNo,
      receivedAt: parseChinaTime(p.receivedDate, '/receivedDate'),
      title: '政府信息公开申请',
      content: p.requestedInformation.trim(),
      caller: compact({ name: p.applicantName.trim(), phone: p.phone.trim(), idNumber: p.idNumber?.toUpperCase() }),
      // The postal address is where the answer is sent; kept raw like any exact address.
      location: compact({ address: p.address?.trim() }),
      extra: compact({
        applicantType: p.applicantType,
        orgCode: p.orgCode,
        deliveryMethod: p.deliveryMethod,
        purpose: p.purpose?.trim(),
      }),
    },
    pointers: compact({
      content: '/requestedInformation',
      receivedAt: '/receivedDate',
      'caller.phone': '/phone',
      'caller.name': '/applicantName',
      'caller.idNumber': p.idNumber ? '/idNumber' : undefined,
      externalId: '/applicationNo',
      'location.address': p.address ? '/address' : undefined,
    }),
  }
}

export const disclosureRequest: ChannelAdapter = {
  channel: 'disclosure-request',
  title: '依申请公开',
  schema: DisclosureRequestSchema,
  normalize,
  examples: [
    {
      name: '自然人申请征地批文（邮寄）',
      payload: {
        applicationNo: 'YSQ-2026-0015',
        receivedDate: '2026-03-16',
        applicantType: '自然人',
        applicantName: '马某某',
        idNumber: '120102199501010079',
        phone: '13800138000',
        address: '天津市河北区某路某号',
        requestedInformation: '申请公开河北区某村集体土地征收的征地批准文件及征地补偿安置方案。',
        purpose: '了解本户房屋征收补偿依据',
        deliveryMethod: '邮寄',
      },
    },
    {
      name: '律师事务所申请规划许可（电子邮件）',
      payload: {
        applicationNo: 'YSQ-2026-0027',
        receivedDate: '2026-04-02',
        applicantType: '法律服务机构',
        applicantName: '天津某某律师事务所',
        orgCode: '91120105MA05T3KQ8C',
        phone: '022-23456789',
        email: 'law.example@example.com',
        requestedInformation: '申请获取某商业地块建设工程规划许可证及附图（总平面图）。',
        deliveryMethod: '电子邮件',
      },
    },
  ],
}
