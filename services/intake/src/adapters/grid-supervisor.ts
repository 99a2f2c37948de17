/**
 * 数字城管 监督员采集 (seed 002: supervisors collected 535909 事件/部件
 * problems in 2009, all 立案, 516601 closed). A report from the supervisor's
 * handheld terminal (城管通), forwarded by the 数字城管 platform: classes of
 * CJ/T 214 (部件 = city furniture, 事件 = events), the unit grid (单元网格)
 * code, coordinates, and whether the centre has 立案 (registered) the case.
 * Times are epoch milliseconds, as the Java platform sends them.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { AdapterError } from './adapter-error.ts'
import { epochToChinaTime } from './china-time.ts'
import { Address, Enum, Latitude, Longitude, PlaceName, Text, compact, forbids, requires } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

/** 2000-01-01 .. 2100-01-01 in epoch milliseconds. */
const EpochMs = (description: string) => Type.Integer({ minimum: 946684800000, maximum: 4102444800000, description })

export const GridSupervisorSchema = Type.Object(
  {
    caseCode: Type.String({ pattern: '^[0-9]{10,20}$', description: '案件编号 case number' }),
    supervisorId: Type.String({ pattern: '^[A-Z0-9]{4,16}$', description: '监督员编号 supervisor id' }),
    reportedAt: EpochMs('上报时间 report time, epoch ms'),
    category: Enum(['部件', '事件'], '案件类型 部件 (city furniture) or 事件 (event), CJ/T 214'),
    subcategory: Text(64, { description: '大类-小类 class, e.g. 市容环境-暴露垃圾' }),
    classCode: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$', description: '分类代码 class code (大类+小类)' })),
    gridCode: Type.String({ pattern: '^[0-9]{14,15}$', description: '单元网格代码 unit grid code (CJ/T 213)' }),
    district: PlaceName('区 district'),
    street: PlaceName('街道 street'),
    address: Type.Optional(Address('位置描述 where, as the supervisor described it')),
    lng: Longitude('经度 longitude'),
    lat: Latitude('纬度 latitude'),
    description: Text(2000, { description: '问题描述 description' }),
    registered: Type.Boolean({ description: '是否立案 registered by the command centre' }),
    registeredAt: Type.Optional(EpochMs('立案时间 registration time, epoch ms')),
    unit: Type.Optional(Text(100, { description: '处置单位 unit the case was dispatched to' })),
  },
  {
    additionalProperties: false,
    // 立案 needs its time; a case not yet 立案 has neither a time nor a unit.
    if: { properties: { registered: { const: true } } },
    then: requires('registeredAt'),
    else: forbids('registeredAt', 'unit'),
  },
)
export type GridSupervisorPayload = Static<typeof GridSupervisorSchema>

function normalize(p: GridSupervisorPayload): Normalized {
  if (p.registeredAt !== undefined && p.registeredAt < p.reportedAt)
    throw new AdapterError([{ pointer: '/registeredAt', message: '立案时间 is before 上报时间' }])
  return {
    input: {
      channel: 'grid-supervisor',
      externalId: p.caseCode,
      receivedAt: epochToChinaTime(p.reportedAt, '/reportedAt'),
      title: p.subcategory.trim(),
      content: p.description.trim(),
      caller: {},
      location: compact({
        district: p.district.trim(),
        street: p.street.trim(),
        address: p.address?.trim(),
        lat: p.lat,
        lon: p.lng,
      }),
      ...compact({ department: p.unit?.trim() }),
      extra: compact({
        supervisorId: p.supervisorId,
        category: p.category,
        subcategory: p.subcategory.trim(),
        classCode: p.classCode,
        gridCode: p.gridCode,
        registered: p.registered,
        registeredAt: p.registeredAt === undefined ? undefined : epochToChinaTime(p.registeredAt, '/registeredAt'),
      }),
    },
    pointers: compact({
      content: '/description',
      receivedAt: '/reportedAt',
      externalId: '/caseCode',
      'location.address': p.address ? '/address' : undefined,
    }),
  }
}

export const gridSupervisor: ChannelAdapter = {
  channel: 'grid-supervisor',
  title: '数字城管 监督员采集',
  schema: GridSupervisorSchema,
  normalize,
  examples: [
    {
      name: '井盖破损（部件，已立案派遣）',
      payload: {
        caseCode: '2026041500073',
        supervisorId: 'JDY0217',
        reportedAt: 1776220212000, // 2026-04-15 10:30:12 +08:00
        category: '部件',
        subcategory: '公用设施-雨水井盖',
        classCode: '0103',
        gridCode: '230102003012007',
        district: '道里区',
        street: '兆麟街道',
        address: '兆麟街与某街交口西北角',
        lng: 126.6158,
        lat: 45.7732,
        description: '雨水井盖破损塌陷，边缘翘起，位于人行横道旁，易绊倒行人。',
        registered: true,
        registeredAt: 1776220812000, // 2026-04-15 10:40:12 +08:00
        unit: '道里区市政工程管理处',
      },
    },
    {
      name: '暴露垃圾（事件，待立案）',
      payload: {
        caseCode: '2026041500128',
        supervisorId: 'JDY0342',
        reportedAt: 1776235500000, // 2026-04-15 14:45:00 +08:00
        category: '事件',
        subcategory: '市容环境-暴露垃圾',
        classCode: '0102',
        gridCode: '230103006004011',
        district: '南岗区',
        street: '大成街道',
        lng: 126.6421,
        lat: 45.7576,
        description: '某小区南门外绿化带内堆放生活垃圾约两立方米，无人清运，有异味。',
        registered: false,
      },
    },
  ],
}
