/**
 * 12319 城建服务热线 (seed 001 (29): 12319服务中心; seed 002: Harbin 城管
 * 12319 hotline, 115777 received in 2009). The 12319 centre's system speaks
 * camelCase English JSON; `callTime` is ISO 8601, China time unless it
 * carries an offset.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { AppealType, Urgency } from '@hotline-hub/contracts'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Address, Enum, IsoLocalDateTime, PersonName, PhoneText, PlaceName, Text, compact, realName } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

export const CATEGORIES = {
  consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬',
} as const satisfies Record<string, AppealType>
export const PRIORITIES = { urgent: '紧急', outage: '加急', normal: '一般' } as const satisfies Record<string, Urgency>
/** 12319 service lines, mapped to the city-management subtopics of DOMAIN.md. */
export const SERVICE_TYPES = {
  heating: '供热', water: '供水', gas: '燃气', sanitation: '市容环卫', greening: '园林绿化',
  'illegal-construction': '违法建设', road: '道路设施', noise: '噪声扰民', property: '物业管理', demolition: '征收拆迁',
} as const

type Key<T> = Extract<keyof T, string>
const keys = <T extends object>(o: T) => Object.keys(o) as Key<T>[]

export const Hotline12319Schema = Type.Object(
  {
    ticketNo: Type.String({ pattern: '^[A-Z0-9][A-Za-z0-9-]{5,31}$', description: '工单号 ticket number' }),
    callTime: IsoLocalDateTime('来电时间 call time (China time unless an offset is given)'),
    callerName: Type.Optional(PersonName('来电人 caller name')),
    callerPhone: PhoneText('来电号码 caller phone'),
    district: PlaceName('区县 district'),
    street: Type.Optional(PlaceName('街道 street/township')),
    address: Type.Optional(Address('详细地址 exact address')),
    content: Text(4000, { description: '反映内容 what the caller reports' }),
    category: Enum(keys(CATEGORIES), '诉求类别 appeal type'),
    priority: Type.Optional(Enum(keys(PRIORITIES), '紧急程度 urgency')),
    serviceType: Type.Optional(Enum(keys(SERVICE_TYPES), '业务类型 service line')),
    seatNo: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$', description: '坐席号 operator seat' })),
    transferTo: Type.Optional(Text(100, { description: '转办单位 unit the case was transferred to' })),
  },
  { additionalProperties: false },
)
export type Hotline12319Payload = Static<typeof Hotline12319Schema>

function normalize(p: Hotline12319Payload): Normalized {
  const name = realName(p.callerName)
  return {
    input: {
      channel: 'hotline-12319',
      externalId: p.ticketNo,
      receivedAt: parseChinaTime(p.callTime, '/callTime'),
      content: p.content.trim(),
      caller: compact({ name, phone: p.callerPhone.trim() }),
      location: compact({ district: p.district.trim(), street: p.street?.trim(), address: p.address?.trim() }),
      appealType: CATEGORIES[p.category],
      ...compact({
        urgency: p.priority ? PRIORITIES[p.priority] : undefined,
        topic: p.serviceType ? SERVICE_TYPES[p.serviceType] : undefined,
        department: p.transferTo?.trim(),
        extra: p.seatNo ? { seatNo: p.seatNo } : undefined,
      }),
    },
    pointers: compact({
      content: '/content',
      receivedAt: '/callTime',
      'caller.phone': '/callerPhone',
      'caller.name': name ? '/callerName' : undefined,
      externalId: '/ticketNo',
      'location.address': p.address ? '/address' : undefined,
    }),
  }
}

export const hotline12319: ChannelAdapter = {
  channel: 'hotline-12319',
  title: '12319 城建服务热线',
  schema: Hotline12319Schema,
  normalize,
  examples: [
    {
      name: '供热不达标（加急）',
      payload: {
        ticketNo: 'HRB12319-20261205-0042',
        callTime: '2025-12-05T19:26:33',
        callerName: '赵女士',
        callerPhone: '139-1234-5678',
        district: '南岗区',
        street: '花园街道',
        address: '花园街某小区12栋3单元501室',
        content: '家中暖气片温度只有十几度，室温不到16度，家里有老人和孩子，已给供热公司打电话没人处理，请尽快协调。',
        category: 'help',
        priority: 'outage',
        serviceType: 'heating',
        seatNo: '27',
      },
    },
    {
      name: '道路塌陷投诉（转办，带时区）',
      payload: {
        ticketNo: 'CC12319-20260612-0310',
        callTime: '2026-06-12T07:05:00+08:00',
        callerPhone: '0431-88886666',
        district: '朝阳区',
        street: '重庆路街道',
        content: '重庆路与某街交口南侧人行道塌陷出一个大坑，雨后积水看不见，已有行人崴脚，请尽快设置围挡并修复。',
        category: 'complaint',
        priority: 'urgent',
        serviceType: 'road',
        transferTo: '朝阳区市政设施管理处',
      },
    },
    {
      name: '增设垃圾分类投放点建议',
      payload: {
        ticketNo: 'CC12319-20260420-0188',
        callTime: '2026-04-20T10:41:12',
        callerName: '孙先生',
        callerPhone: '15004311234',
        district: '南关区',
        content: '建议在南关区某小区北门增设垃圾分类投放点，目前只有一处，居民要走很远，很多人随手丢在路边。',
        category: 'suggestion',
        serviceType: 'sanitation',
      },
    },
  ],
}
