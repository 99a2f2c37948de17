import type { TSchema } from '@sinclair/typebox'
import type { Channel } from '@hotline-hub/contracts'
import type { Normalized } from '../domain/case-input.ts'

/** One example payload of a channel, shipped with the adapter and used by its tests and docs. */
export interface AdapterExample {
  name: string
  payload: unknown
}

/**
 * Turns one channel's own payload into a canonical case input. The payload
 * is validated against `schema` (ajv) before `normalize` is called.
 */
export interface ChannelAdapter {
  channel: Channel
  /** 渠道名称, e.g. 12345 政务服务便民热线 */
  title: string
  /** JSON Schema of the channel's payload. */
  schema: TSchema
  normalize(payload: any): Normalized
  examples: AdapterExample[]
}
