/**
 * 市长公开电话 (seed 001 (12): a 舆情 source; seed 002: the mayor's line
 * office transfers cases to the centre "通过网络", 6012 in 2009). The
 * payload is the office's 转办单 (transfer sheet) from an older database:
 * upper-case pinyin initials, date `YYYYMMDD` and time `HHmmss` in separate
 * fields, China time.
 */
import { Type, type Static } from '@sinclair/typebox'
import { APPEAL_TYPES } from '@hotline-hub/contracts'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Address, Enum, IdNumberText, PersonName, PhoneText, PlaceName, Text, compact, realName } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

export const MayorLineSchema = Type.Object(
  {
    ZBDH: Type.String({ pattern: '^SZ[0-9]{10,16}$', description: '转办单号 transfer sheet number' }),
    LDRQ: Type.String({ pattern: '^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$', description: '来电日期 call date YYYYMMDD' }),
    LDSJ: Type.String({ pattern: '^([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$', description: '来电时间 call time HHmmss' }),
    LDR: Type.Optional(PersonName('来电人 caller name')),
    LDDH: PhoneText('来电电话 caller phone'),
    SFZHM: Type.Optional(IdNumberText('身份证号码 ID number')),
    WTLB: Enum(APPEAL_TYPES, '问题类别 appeal type, in Chinese'),
    SFJJ: Type.Optional(Enum(['0', '1'], '是否紧急 urgent flag (1 = 紧急)')),
    QX: PlaceName('区县 district'),
    FSDD: Type.Optional(Address('发生地点 where it happens')),
    BT: Type.Optional(Text(200, { description: '标题 title' })),
    WTMS: Text(4000, { description: '问题描述 description' }),
    ZBDW: Text(100, { description: '转办单位 unit the case is transferred to' }),
    BLSX: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: '办理时限 deadline in working days' })),
    ZBYJ: Type.Optional(Text(500, { description: '转办意见 instructions of the mayor\'s line office' })),
  },
  { additionalProperties: false },
)
export type MayorLinePayload = Static<typeof MayorLineSchema>

function normalize(p: MayorLinePayload): Normalized {
  const name = realName(p.LDR)
  const d = p.LDRQ
  const t = p.LDSJ
  const local = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`
  return {
    input: {
      channel: 'mayor-line',
      externalId: p.ZBDH,
      receivedAt: parseChinaTime(local, '/LDRQ'),
      ...compact({ title: p.BT?.trim() }),
      content: p.WTMS.trim(),
      caller: compact({ name, phone: p.LDDH.trim(), idNumber: p.SFZHM?.toUpperCase() }),
      location: compact({ district: p.QX.trim(), address: p.FSDD?.trim() }),
      appealType: p.WTLB,
      ...compact({ urgency: p.SFJJ === '1' ? ('紧急' as const) : p.SFJJ === '0' ? ('一般' as const) : undefined }),
      department: p.ZBDW.trim(),
      ...compact({ extra: compact({ deadlineWorkingDays: p.BLSX, transferNote: p.ZBYJ?.trim() }) }),
    },
    pointers: compact({
      content: '/WTMS',
      receivedAt: '/LDRQ',
      'caller.phone': '/LDDH',
      'caller.name': name ? '/LDR' : undefined,
      'caller.idNumber': p.SFZHM ? '/SFZHM' : undefined,
      externalId: '/ZBDH',
      'location.address': p.FSDD ? '/FSDD' : undefined,
    }),
  }
}

export const mayorLine: ChannelAdapter = {
  channel: 'mayor-line',
  title: '市长公开电话',
  schema: MayorLineSchema,
  normalize,
  examples: [
    {
      name: '占道经营投诉，转区城管',
      payload: {
        ZBDH: 'SZ2026040800731',
        LDRQ: '20260408',
        LDSJ: '083015',
        LDR: '刘先生',
        LDDH: '0451-86661234',
        WTLB: '投诉',
        SFJJ: '0',
        QX: '道里区',
        FSDD: '中央大街某路口东侧',
        BT: '早市占道经营堵塞交通',
        WTMS: '每天早上五点到八点，中央大街某路口东侧早市摊贩占用机动车道经营，垃圾遍地，车辆无法通行，多次反映未解决。',
        ZBDW: '道里区城市管理局',
        BLSX: 10,
        ZBYJ: '请核实处理并于时限内答复来电人。',
      },
    },
    {
      name: '下水井盖缺失（紧急）',
      payload: {
        ZBDH: 'SZ2026071922015',
        LDRQ: '20260719',
        LDSJ: '221408',
        LDR: '陈某',
        LDDH: '13698765432',
        SFZHM: '230103196812240064',
        WTLB: '求助',
        SFJJ: '1',
        QX: '南岗区',
        FSDD: '学府路某公交站北侧',
        WTMS: '学府路某公交站北侧人行道上一个下水井盖丢失，晚上没有路灯，非常危险，请马上派人处理。',
        ZBDW: '哈尔滨市排水有限责任公司',
        BLSX: 1,
      },
    },
  ],
}
