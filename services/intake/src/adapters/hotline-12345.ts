/**
 * 12345 政务服务便民热线 (seed 003: the one-stop consultation line).
 * Payload of the city's 12345 工单系统: pinyin-initial field names
 * (gdbh = 工单编号 …), times in China time without offset.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { AppealType, Urgency } from '@hotline-hub/contracts'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import {
  Address, Enum, IdNumberText, LocalDateTime, PersonName, PhoneText, PlaceName, Text, compact, realName,
} from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

/** 诉求类型 codes of the 12345 system; 99 其他 maps to no appeal type. */
export const SQLX = ['01', '02', '03', '04', '05', '06', '99'] as const
export const SQLX_CODES: Record<(typeof SQLX)[number], AppealType | undefined> = {
  '01': '咨询', '02': '求助', '03': '投诉', '04': '举报', '05': '建议', '06': '表扬', '99': undefined,
}
/** 紧急程度 codes. */
export const JJCD = ['1', '2', '3'] as const
export const JJCD_CODES: Record<(typeof JJCD)[number], Urgency> = { '1': '紧急', '2': '加急', '3': '一般' }

const YesNo = (description: string) => Enum(['Y', 'N'], description)

export const Hotline12345Schema = Type.Object(
  {
    gdbh: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{5,31}$', description: '工单编号 ticket number' }),
    ldsj: LocalDateTime('来电时间 call time, China time'),
    ldrxm: PersonName('来电人姓名 caller name (匿名 when withheld)'),
    lxdh: PhoneText('联系电话 contact phone'),
    sfzh: Type.Optional(IdNumberText('身份证号 ID number')),
    sqbt: Type.Optional(Text(200, { description: '诉求标题 title' })),
    sqnr: Text(4000, { description: '诉求内容 what the caller asks' }),
    sqlx: Enum(SQLX, '诉求类型 appeal type code'),
    jjcd: Type.Optional(Enum(JJCD, '紧急程度 urgency code')),
    ywfl: Type.Optional(Text(64, { description: '业务分类 first-level topic' })),
    ssqx: PlaceName('所属区县 district'),
    ssjd: Type.Optional(PlaceName('所属街道 street/township')),
    xxdz: Type.Optional(Address('详细地址 exact address')),
    hwygh: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{2,16}$', description: '话务员工号 operator number' })),
    cbdw: Type.Optional(Text(100, { description: '承办单位 handling unit already assigned' })),
    sfzjbj: Type.Optional(YesNo('是否直接办结 answered on the call')),
    sfbm: Type.Optional(YesNo('是否保密 caller asks for confidentiality')),
  },
  { additionalProperties: false },
)
export type Hotline12345Payload = Static<typeof Hotline12345Schema>

function normalize(p: Hotline12345Payload): Normalized {
  const name = realName(p.ldrxm)
  return {
    input: {
      channel: 'hotline-12345',
      externalId: p.gdbh,
      receivedAt: parseChinaTime(p.ldsj, '/ldsj'),
      ...compact({ title: p.sqbt?.trim() }),
      content: p.sqnr.trim(),
      caller: compact({ name, phone: p.lxdh.trim(), idNumber: p.sfzh?.toUpperCase() }),
      location: compact({ district: p.ssqx.trim(), street: p.ssjd?.trim(), address: p.xxdz?.trim() }),
      ...compact({
        appealType: SQLX_CODES[p.sqlx],
        urgency: p.jjcd ? JJCD_CODES[p.jjcd] : undefined,
        topic: p.ywfl?.trim(),
        department: p.cbdw?.trim(),
        extra: compact({
          operatorNo: p.hwygh,
          resolvedOnCall: p.sfzjbj === undefined ? undefined : p.sfzjbj === 'Y',
          confidential: p.sfbm === undefined ? undefined : p.sfbm === 'Y',
        }),
      }),
    },
    pointers: compact({
      content: '/sqnr',
      receivedAt: '/ldsj',
      'caller.phone': '/lxdh',
      'caller.name': name ? '/ldrxm' : undefined,
      'caller.idNumber': p.sfzh ? '/sfzh' : undefined,
      externalId: '/gdbh',
      'location.address': p.xxdz ? '/xxdz' : undefined,
    }),
  }
}

export const hotline12345: ChannelAdapter = {
  channel: 'hotline-12345',
  title: '12345 政务服务便民热线',
  schema: Hotline12345Schema,
  normalize,
  examples: [
    {
      name: '燃气泄漏求助（紧急）',
      payload: {
        gdbh: 'GD2026030200123',
        ldsj: '2026-03-02 21:47:05',
        ldrxm: '李某某',
        lxdh: '13800138000',
        sqnr: '河北区望海楼街道建国道某小区3号楼2单元楼道内燃气味很重，怀疑燃气泄漏，已有住户开窗，请燃气公司尽快派人抢修。',
        sqlx: '02',
        jjcd: '1',
        ywfl: '城乡建设',
        ssqx: '河北区',
        ssjd: '望海楼街道',
        xxdz: '建国道某小区3号楼2单元',
        hwygh: '1034',
      },
    },
    {
      name: '规划公示咨询，当场答复',
      payload: {
        gdbh: 'GD2026031100457',
        ldsj: '2026-03-11 09:12:40',
        ldrxm: '匿名',
        lxdh: '022-23456789',
        sqbt: '咨询控规调整公示期限',
        sqnr: '市民来电咨询：南开区某地块控制性详细规划调整方案的批前公示期限是多少天？在哪里可以查看公示内容并提交意见？',
        sqlx: '01',
        ywfl: '城乡建设',
        ssqx: '南开区',
        sfzjbj: 'Y',
      },
    },
    {
      name: '违法建设举报（保密）',
      payload: {
        gdbh: 'GD2026031800982',
        ldsj: '2026-03-18 14:03:09',
        ldrxm: '王某',
        lxdh: '+86 139 1234 5678',
        sfzh: '12010519880715001X',
        sqnr: '举报红桥区西于庄街道某小区顶楼住户私自加盖彩钢房，施工噪音大，存在安全隐患，请规划执法部门查处。',
        sqlx: '04',
        jjcd: '3',
        ssqx: '红桥区',
        ssjd: '西于庄街道',
        xxdz: '西于庄街道某小区7号楼顶层',
        cbdw: '红桥区城市管理委员会',
        sfbm: 'Y',
      },
    },
  ],
}
