/**
 * 局长信箱 (seed 000: Harbin 城乡规划局 receives feedback through the
 * 局长信箱 and publishes replies on the 回音壁). A letter from the bureau
 * website's form; the writer is a nested object; `writtenAt` is China time
 * to the minute, as the site records it.
 */
import { Type, type Static } from '@sinclair/typebox'
import { APPEAL_TYPES } from '@hotline-hub/contracts'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Enum, IdNumberText, LocalDateTimeMinutes, PersonName, PhoneText, Text, compact, realName } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

export const WriterSchema = Type.Object(
  {
    name: PersonName('姓名 writer name'),
    phone: PhoneText('联系电话 phone'),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: '电子邮箱 e-mail' })),
    idCard: Type.Optional(IdNumberText('身份证号 ID number')),
  },
  { additionalProperties: false, description: '来信人 writer' },
)

export const DirectorMailboxSchema = Type.Object(
  {
    letterNo: Type.String({ pattern: '^[A-Z]{2,6}-[0-9]{4}-[0-9]{4,8}$', description: '信件编号 letter number' }),
    title: Text(200, { description: '信件标题 title' }),
    content: Text(10000, { description: '信件内容 letter text' }),
    writtenAt: LocalDateTimeMinutes('来信时间 time written, China time'),
    writer: WriterSchema,
    bureau: Text(100, { description: '收信单位 bureau the letter is addressed to' }),
    isPublic: Type.Boolean({ description: '是否公开 writer agrees to publish the letter and reply on the 回音壁' }),
    letterType: Type.Optional(Enum(APPEAL_TYPES, '信件类型 appeal type chosen by the writer')),
  },
  { additionalProperties: false },
)
export type DirectorMailboxPayload = Static<typeof DirectorMailboxSchema>

function normalize(p: DirectorMailboxPayload): Normalized {
  const name = realName(p.writer.name)
  return {
    input: {
      channel: 'director-mailbox',
      externalId: p.letterNo,
      receivedAt: parseChinaTime(p.writtenAt, '/writtenAt'),
      title: p.title.trim(),
      content: p.content.trim(),
      // The e-mail address has no place in CaseInput; replies go out through the 回音壁 or by phone.
      caller: compact({ name, phone: p.writer.phone.trim(), idNumber: p.writer.idCard?.toUpperCase() }),
      location: {},
      ...compact({ appealType: p.letterType }),
      department: p.bureau.trim(),
      extra: { publishOnEchoWall: p.isPublic },
    },
    pointers: compact({
      content: '/content',
      receivedAt: '/writtenAt',
      'caller.phone': '/writer/phone',
      'caller.name': name ? '/writer/name' : undefined,
      'caller.idNumber': p.writer.idCard ? '/writer/idCard' : undefined,
      externalId: '/letterNo',
    }),
  }
}

export const directorMailbox: ChannelAdapter = {
  channel: 'director-mailbox',
  title: '局长信箱',
  schema: DirectorMailboxSchema,
  normalize,
  examples: [
    {
      name: '新建住宅遮挡日照（同意公开）',
      payload: {
        letterNo: 'JZXX-2026-000318',
        title: '关于某地块新建住宅遮挡我楼日照的反映',
        content: '局长您好：我家住在香坊区某小区5号楼一楼，南侧地块正在建设的高层住宅封顶后，冬至日我家几乎全天照不到太阳。请问该项目规划审批时是否做过日照分析？批前公示在哪里可以查到？',
        writtenAt: '2026-11-03 20:41',
        writer: { name: '吴某某', phone: '13800138000', email: 'wu.example@example.com' },
        bureau: '哈尔滨市城乡规划局',
        isPublic: true,
        letterType: '投诉',
      },
    },
    {
      name: '历史建筑保护建议（不公开，留身份证号）',
      payload: {
        letterNo: 'JZXX-2026-000402',
        title: '建议对道外区老街区历史建筑设置保护标识',
        content: '道外区几处中华巴洛克风格老建筑外墙破损，部分门窗已被住户改造，建议尽快挂牌保护并公布保护范围，同时在改造中征求居民意见。',
        writtenAt: '2025-12-15 09:05',
        writer: { name: '郑某', phone: '0451-84567890', idCard: '230102197503200024' },
        bureau: '哈尔滨市城乡规划局',
        isPublic: false,
        letterType: '建议',
      },
    },
  ],
}
