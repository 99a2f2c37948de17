/**
 * 网民留言 / 读网读报 (seed 001 (18): 做好网民留言处理). Messages from the
 * government message board (问政平台), modelled on the fields of the
 * 2020 泰迪杯 data set (留言编号, 留言用户, 留言主题, 留言时间, 留言详情,
 * 点赞数, 反对数). `postedAt` is China time without offset.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Enum, LocalDateTime, PersonName, PhoneText, PlaceName, Text, compact, realName } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

/** 栏目: where the message was posted or found. */
export const BOARDS = ['百姓呼声', '咨询投诉', '建言献策', '读网读报'] as const

export const WebMessageSchema = Type.Object(
  {
    messageId: Type.String({ pattern: '^[0-9]{1,12}$', description: '留言编号 message id' }),
    subject: Text(200, { description: '留言主题 subject' }),
    body: Text(20000, { description: '留言详情 message body' }),
    postedAt: LocalDateTime('留言时间 posting time, China time'),
    nickname: Text(64, { description: '留言用户 poster nickname / platform user id' }),
    realName: Type.Optional(PersonName('真实姓名 real name, if the poster left one')),
    phone: Type.Optional(PhoneText('联系电话 contact phone, if left')),
    district: Type.Optional(PlaceName('所属区县 district chosen on the form')),
    board: Type.Optional(Enum(BOARDS, '栏目 board')),
    likes: Type.Optional(Type.Integer({ minimum: 0, description: '点赞数 likes' })),
    dislikes: Type.Optional(Type.Integer({ minimum: 0, description: '反对数 dislikes' })),
    sourceUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500, description: '原文链接 link to the post' })),
  },
  { additionalProperties: false },
)
export type WebMessagePayload = Static<typeof WebMessageSchema>

function normalize(p: WebMessagePayload): Normalized {
  const name = realName(p.realName)
  return {
    input: {
      channel: 'web-message',
      externalId: p.messageId,
      receivedAt: parseChinaTime(p.postedAt, '/postedAt'),
      title: p.subject.trim(),
      content: p.body.trim(),
      caller: compact({ name, phone: p.phone?.trim() }),
      location: compact({ district: p.district?.trim() }),
      // The nickname is a pseudonym and not carried (extra holds no personal data).
      ...compact({ extra: compact({ board: p.board, likes: p.likes, dislikes: p.dislikes, sourceUrl: p.sourceUrl }) }),
    },
    pointers: compact({
      content: '/body',
      receivedAt: '/postedAt',
      'caller.phone': p.phone ? '/phone' : undefined,
      'caller.name': name ? '/realName' : undefined,
      externalId: '/messageId',
    }),
  }
}

export const webMessage: ChannelAdapter = {
  channel: 'web-message',
  title: '网民留言 / 读网读报',
  schema: WebMessageSchema,
  normalize,
  examples: [
    {
      name: '烂尾楼安全隐患（泰迪杯式留言）',
      payload: {
        messageId: '200037',
        subject: 'A市在水一方大厦人为烂尾多年，安全隐患严重',
        body: '位于书院路主干道的在水一方大厦一楼至四楼人为拆除水、电等设施后，烂尾多年，用护栏围着，不但占用人行道路，而且护栏锈迹斑斑，随时可能倒塌，危及过往行人和车辆安全。请求有关部门牵头处理。',
        postedAt: '2026-01-04 11:17:46',
        nickname: 'A000102948',
        district: 'A市',
        board: '百姓呼声',
        likes: 12,
        dislikes: 0,
      },
    },
    {
      name: '电梯频繁故障，留了联系方式',
      payload: {
        messageId: '200277',
        subject: 'A3区白沙某小区电梯经常掉楼层',
        body: '我是租户，刚住两个月，电梯就经常发生事故，不是关人就是掉层。据说已多年未通过质检，开发商和物业都不管，多次投诉无果，望有关部门尽快处理！',
        postedAt: '2026-02-10 15:06:32',
        nickname: '白沙住户',
        realName: '周某某',
        phone: '13912345678',
        district: 'A3区',
        board: '咨询投诉',
      },
    },
    {
      name: '读网读报：论坛帖子转入',
      payload: {
        messageId: '200403',
        subject: '网友发帖反映某路口红绿灯时长过短',
        body: '有网友在本地论坛发帖称，某大道与某路交叉口南北向绿灯只有15秒，老人和孩子过马路走不到一半就变灯，帖子已有上百条回复，建议交警部门调整配时。',
        postedAt: '2026-03-21 08:30:00',
        nickname: '读网读报值班员',
        board: '读网读报',
        sourceUrl: 'https://bbs.example.cn/thread/123456',
      },
    },
  ],
}
