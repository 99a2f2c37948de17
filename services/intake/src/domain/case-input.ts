import type { AppealType, Channel, Urgency } from '@hotline-hub/contracts'

/**
 * A case as a channel adapter hands it to intake: normalized, but still
 * carrying the raw personal data, which intake encrypts and de-identifies
 * before anything is stored in the clear or leaves the service.
 */
export interface CaseInput {
  channel: Channel
  /** The channel's own ticket number (工单号 / 信件编号 …); unique per channel. */
  externalId?: string
  /** 受理时间, ISO 8601 with offset. */
  receivedAt: string
  title?: string
  /** 诉求内容 */
  content: string
  /** 诉求人, raw. */
  caller: {
    name?: string
    phone?: string
    idNumber?: string
  }
  location: {
    /** 区县 */
    district?: string
    /** 街道/乡镇 */
    street?: string
    /** Exact address, raw (personal data). */
    address?: string
    lat?: number
    lon?: number
  }
  appealType?: AppealType
  urgency?: Urgency
  topic?: string
  /** Department the channel already assigned (e.g. 数字城管 立案 to a unit). */
  department?: string
  /**
   * Channel-specific facts worth keeping (no personal data): programme name,
   * supervisor id, camera id, disclosure applicant type …
   */
  extra?: Record<string, unknown>
}

/**
 * Where each canonical field came from in the channel's own payload, as JSON
 * pointers, so that an error found after normalization (an impossible phone
 * number, a future timestamp) names the field the integrator sent.
 */
export type SourcePointers = Partial<Record<'content' | 'receivedAt' | 'caller.phone' | 'caller.idNumber' | 'caller.name' | 'externalId' | 'location.address', string>>

export interface Normalized {
  input: CaseInput
  pointers: SourcePointers
}
