/**
 * 视频监控主动采集 (seed 002: 31526 problems collected through the video
 * surveillance system in 2009, 31453 closed). An alarm from the video
 * platform: the camera is named by its GB/T 28181 20-digit device code,
 * the time is ISO 8601 with offset, and there is no caller.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Normalized } from '../domain/case-input.ts'
import { parseChinaTime } from './china-time.ts'
import { Address, Enum, Latitude, Longitude, OffsetDateTime, PlaceName, Text, compact } from './schema-parts.ts'
import type { ChannelAdapter } from './types.ts'

/** Event types the platform (with or without automatic recognition) raises. */
export const VIDEO_EVENT_TYPES = [
  '占道经营', '店外经营', '暴露垃圾', '乱堆物料', '违规广告', '车辆乱停', '道路积水', '井盖缺失', '渣土撒漏', '其他',
] as const

export const VideoPatrolSchema = Type.Object(
  {
    alarmId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{7,39}$', description: '告警编号 alarm id' }),
    cameraId: Type.String({ pattern: '^[0-9]{20}$', description: '摄像机编码 GB/T 28181 device code' }),
    detectedAt: OffsetDateTime('发现时间 detection time, with offset'),
    eventType: Enum(VIDEO_EVENT_TYPES, '事件类型 event type'),
    district: PlaceName('区 district'),
    street: PlaceName('街道 street'),
    spotName: Type.Optional(Address('点位名称 camera spot, e.g. a crossing')),
    lng: Longitude('经度 longitude'),
    lat: Latitude('纬度 latitude'),
    description: Text(2000, { description: '事件描述 what the operator or recogniser saw' }),
    snapshotUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500, description: '抓拍图片 snapshot link' })),
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: '识别置信度 recognition confidence' })),
  },
  { additionalProperties: false },
)
export type VideoPatrolPayload = Static<typeof VideoPatrolSchema>

function normalize(p: VideoPatrolPayload): Normalized {
  return {
    input: {
      channel: 'video-patrol',
      externalId: p.alarmId,
      receivedAt: parseChinaTime(p.detectedAt, '/detectedAt'),
      title: p.eventType,
      content: p.description.trim(),
      caller: {},
      location: compact({
        district: p.district.trim(),
        street: p.street.trim(),
        address: p.spotName?.trim(),
        lat: p.lat,
        lon: p.lng,
      }),
      extra: compact({
        cameraId: p.cameraId,
        eventType: p.eventType,
        snapshotUrl: p.snapshotUrl,
        confidence: p.confidence,
      }),
    },
    pointers: compact({
      content: '/description',
      receivedAt: '/detectedAt',
      externalId: '/alarmId',
      'location.address': p.spotName ? '/spotName' : undefined,
    }),
  }
}

export const videoPatrol: ChannelAdapter = {
  channel: 'video-patrol',
  title: '视频监控主动采集',
  schema: VideoPatrolSchema,
  normalize,
  examples: [
    {
      name: '早市占道经营（坐席发现）',
      payload: {
        alarmId: 'VA-20260509-000317',
        cameraId: '23010200001310000017',
        detectedAt: '2026-05-09T06:12:45+08:00',
        eventType: '占道经营',
        district: '道外区',
        street: '靖宇街道',
        spotName: '靖宇街与某道街交口',
        lng: 126.6485,
        lat: 45.7815,
        description: '路口东南角约10个摊位占用机动车道经营果蔬，影响车辆通行。',
        snapshotUrl: 'https://video.example.cn/snap/VA-20260509-000317.jpg',
      },
    },
    {
      name: '渣土车撒漏（自动识别，UTC 时间）',
      payload: {
        alarmId: 'VA-20260512-001204',
        cameraId: '23010300001310000142',
        detectedAt: '2026-05-11T17:40:03Z',
        eventType: '渣土撒漏',
        district: '南岗区',
        street: '王岗镇',
        lng: 126.5602,
        lat: 45.6937,
        description: '一辆渣土车驶过后路面留下约30米长撒漏带，夜间无人清扫。',
        confidence: 0.91,
      },
    },
  ],
}
