import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { CHANNELS } from '@hotline-hub/contracts'
import { parseDataFile } from '@hotline-hub/platform'
import { readDataText, semanticError } from './data-file-line.ts'

export const DEFAULT_RANKING_FILE = fileURLToPath(new URL('../../data/ranking.yaml', import.meta.url))
export const DEFAULT_CHANNELS_FILE = fileURLToPath(new URL('../../data/stats-channels.yaml', import.meta.url))

const Weight = Type.Integer({ minimum: 0, maximum: 100 })

export const RankingSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** 权重 of 响应率, 解决率, 满意率; they add up to 100. */
    weights: Type.Object({ response: Weight, resolution: Weight, satisfaction: Weight }, { additionalProperties: false }),
    /** 最小样本: below it a unit is 样本不足 and not ranked. */
    minimumSample: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
  },
  { additionalProperties: false },
)
export type RankingConfig = Static<typeof RankingSchema>

const Name = Type.String({ minLength: 1, maxLength: 64 })

export const ChannelsSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    channels: Type.Array(
      Type.Object(
        {
          code: Type.Union(CHANNELS.map((c) => Type.Literal(c))),
          name: Name,
          /** The words a report uses for this line's counts (监督员: 采集 / 立案). */
          terms: Type.Optional(Type.Object({ received: Type.Optional(Name), dispatched: Type.Optional(Name), closed: Type.Optional(Name) }, { additionalProperties: false })),
          /** Lines of work within the channel, told apart by a field of the case's `extra`. */
          subchannels: Type.Optional(
            Type.Object(
              { field: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' }), order: Type.Optional(Type.Array(Name, { maxItems: 50 })) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    unknown: Type.Object({ department: Name, topic: Name, district: Name, subchannel: Name }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)
export type ChannelsData = Static<typeof ChannelsSchema>
export type ChannelEntry = ChannelsData['channels'][number]

/** The words of a report line: 受理 / 转办 / 办结 unless the channel says otherwise. */
export interface LineTerms {
  received: string
  dispatched: string
  closed: string
}

/** 统计口径: channel names, report terms, sub-channel lines; immutable, a reload builds a new one. */
export class StatsVocabulary {
  private readonly byCode: Map<string, ChannelEntry>
  constructor(readonly data: ChannelsData) {
    this.byCode = new Map(data.channels.map((c) => [c.code, c]))
  }

  /** The channels in the order reports list them (the file's order), then any other. */
  order(code: string): number {
    const i = this.data.channels.findIndex((c) => c.code === code)
    return i < 0 ? this.data.channels.length : i
  }

  channelName(code: string): string {
    return this.byCode.get(code)?.name ?? code
  }

  terms(code: string): LineTerms {
    const t = this.byCode.get(code)?.terms
    return { received: t?.received ?? '受理', dispatched: t?.dispatched ?? '转办', closed: t?.closed ?? '办结' }
  }

  /** The field of `case.extra` that names the line of a case of this channel, if the channel is split. */
  subchannelField(code: string): string | null {
    return this.byCode.get(code)?.subchannels?.field ?? null
  }

  /** Channels split into lines. */
  splitChannels(): string[] {
    return this.data.channels.filter((c) => c.subchannels).map((c) => c.code)
  }

  subchannelOrder(code: string, sub: string): number {
    const order = this.byCode.get(code)?.subchannels?.order ?? []
    const i = order.indexOf(sub)
    return i < 0 ? order.length : i
  }

  unknownName(dimension: 'department' | 'topic' | 'district' | 'subchannel'): string {
    return this.data.unknown[dimension]
  }
}

/** Both data files of the statistics, loaded (and reloaded) together. */
export interface StatsConfig {
  version: string
  ranking: RankingConfig
  vocabulary: StatsVocabulary
}

export function parseRanking(text: string, file: string): RankingConfig {
  const data = parseDataFile(text, RankingSchema, file)
  const sum = data.weights.response + data.weights.resolution + data.weights.satisfaction
  if (sum !== 100) throw semanticError(text, file, ['weights'], `the weights must add up to 100, they add up to ${sum}`)
  return data
}

export function parseChannels(text: string, file: string): StatsVocabulary {
  const data = parseDataFile(text, ChannelsSchema, file)
  const seen = new Set<string>()
  data.channels.forEach((c, i) => {
    if (seen.has(c.code)) throw semanticError(text, file, ['channels', i, 'code'], `channel "${c.code}" is listed twice`)
    seen.add(c.code)
  })
  return new StatsVocabulary(data)
}

export function loadStatsConfig(files: { ranking?: string; channels?: string } = {}): StatsConfig {
  const rankingFile = files.ranking ?? DEFAULT_RANKING_FILE
  const channelsFile = files.channels ?? DEFAULT_CHANNELS_FILE
  const rankingText = readDataText(rankingFile)
  const channelsText = readDataText(channelsFile)
  return {
    version: createHash('sha256').update(rankingText).update('\0').update(channelsText).digest('hex').slice(0, 12),
    ranking: parseRanking(rankingText, rankingFile),
    vocabulary: parseChannels(channelsText, channelsFile),
  }
}
