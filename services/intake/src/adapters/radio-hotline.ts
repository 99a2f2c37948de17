/**
 * 行风热线 / 纠风直通车 call-in programmes (seed 000: 行风热线节目; seed 002:
 * 73 complaints on 行风热线, 76 on 纠风直通车, all answered). The radio
 * station's call log has no ticket number: a call is identified by
 * programme, air date and its running number in the show (segmentNo).
 * Callers give an on-air alias (王先生), not a full name.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { CalendarDate, ClockTime, Enum, PhoneText, Text, compact, realName } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

export const PROGRAMMES = { 行风热线: 'XFRX', 纠风直通车: 'JFZTC' } as const
export const RADIO_APPEAL_TYPES = ['投诉', '咨询', '建议', '表扬'] as const

export const RadioHotlineSchema = Type.Object(
  {
    programme: Enum(Object.keys(PROGRAMMES) as (keyof typeof PROGRAMMES)[], '节目 programme'),
    airDate: CalendarDate('播出日期 air date'),
    callTime: ClockTime('来电时间 time of the call on air, China time'),
    segmentNo: Type.Integer({ minimum: 1, maximum: 99, description: '来电序号 running number of the call in the show' }),
    callerAlias: Text(32, { description: '听众称呼 on-air alias, e.g. 王先生' }),
    phone: Type.Optional(PhoneText('联系电话 phone left with the producer')),
    complaint: Text(4000, { description: '反映问题 what the caller raised' }),
    targetUnit: Text(100, { description: '被反映单位 unit the complaint is about, answering on air' }),
    kind: Type.Optional(Enum(RADIO_APPEAL_TYPES, '类别 appeal type (投诉 when absent)')),
    onAirReply: Type.Optional(Text(2000, { description: '现场答复 what the unit answered on air' })),
  },
  { additionalProperties: false },
)
export type RadioHotlinePayload = Static<typeof RadioHotlineSchema>

/** `XFRX-20260310-03`: programme code, air date and call number, unique per channel. */
export function radioExternalId(p: Pick<RadioHotlinePayload, 'programme' | 'airDate' | 'segmentNo'>): string {
  return `${PROGRAMMES[p.programme]}-${p.airDate.replaceAll('-', '')}-${String(p.segmentNo).padStart(2, '0')}`
}

function normalize(p: RadioHotlinePayload): Normalized {
  const name = realName(p.callerAlias)
  return {
    input: {
      channel: 'radio-hotline',
      externalId: radioExternalId(p),
      receivedAt: parseChinaTime(`${p.airDate} ${p.callTime}`, '/airDate'),
      content: p.complaint.trim(),
      caller: compact({ name, phone: p.phone?.trim() }),
      location: {},
      appealType: p.kind ?? '投诉',
      department: p.targetUnit.trim(),
      extra: compact({
        programme: p.programme,
        airDate: p.airDate,
        segmentNo: p.segmentNo,
        onAirReply: p.onAirReply?.trim(),
      }),
    },
    pointers: compact({
      content: '/complaint',
      receivedAt: '/airDate',
      'caller.phone': p.phone ? '/phone' : undefined,
      'caller.name': name ? '/callerAlias' : undefined,
      externalId: '/segmentNo',
    }),
  }
}

export const radioHotline: ChannelAdapter = {
  channel: 'radio-hotline',
  title: '行风热线 / 纠风直通车',
  schema: RadioHotlineSchema,
  normalize,
  examples: [
    {
      name: '行风热线：物业违规收费，现场答复',
      payload: {
        programme: '行风热线',
        airDate: '2026-03-10',
        callTime: '10:24',
        segmentNo: 3,
        callerAlias: '王先生',
        phone: '13912345678',
        complaint: '我们小区物业今年开始按每月每车位200元收取地面停车费，没有公示收费依据，业主多次询问都不给答复。',
        targetUnit: '市物价监督管理局',
        onAirReply: '节目后派执法人员核查该小区停车收费是否备案，三个工作日内答复听众。',
      },
    },
    {
      name: '纠风直通车：供热管网维修后路面未恢复',
      payload: {
        programme: '纠风直通车',
        airDate: '2026-05-21',
        callTime: '09:05',
        segmentNo: 1,
        callerAlias: '李女士',
        complaint: '去年冬天供热管网抢修挖开的路面到现在还没恢复，坑里积水，车辆绕行，出行很不方便。',
        targetUnit: '市供热办',
        kind: '投诉',
      },
    },
  ],
}
