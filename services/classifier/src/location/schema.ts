import { Type, type Static } from '@sinclair/typebox'

/**
 * The schemas of the gazetteer's data files (地名库), validated by
 * loadDataFile. A city file (`<city id>.yaml`) lists a city, its districts
 * and their streets; `patterns.yaml` holds the pattern rules and the word
 * lists of the fallback. See data/gazetteer/README.md.
 */

/** A place name or alias: two to 24 Chinese characters (一个字 would match everywhere). */
const Name = Type.String({ pattern: '^[\\u3400-\\u4dbf\\u4e00-\\u9fff\\u3007]{2,24}$', description: 'two to 24 Chinese characters' })
const Names = Type.Array(Name)

const Aliases = {
  /** Other names that identify the place on their own (南岗 → 南岗区, old names such as 蓟县 → 蓟州区). */
  aliases: Type.Optional(Names),
  /**
   * Names that are also common words or road names (道里, 朝阳, 花园街): they
   * count only when the text also names the place's city (a district) or its
   * district or city (a street).
   */
  weakAliases: Type.Optional(Names),
}

export const StreetSchema = Type.Union([
  Name,
  Type.Object({ name: Name, ...Aliases }, { additionalProperties: false }),
])

/** 区 / 县 / 县级市, or 功能区: a development zone that runs streets of its own (净月区). */
export const DISTRICT_KINDS = ['区', '县', '县级市', '自治县', '旗', '功能区'] as const

export const DistrictSchema = Type.Object(
  {
    name: Name,
    /** 6-digit division code (行政区划代码) where there is one. */
    code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    /** Derived from the name's last character when absent (区, 县, 市 → 县级市). */
    kind: Type.Optional(Type.Union(DISTRICT_KINDS.map((k) => Type.Literal(k)))),
    ...Aliases,
    streets: Type.Array(StreetSchema),
  },
  { additionalProperties: false },
)

export const CityFileSchema = Type.Object(
  {
    city: Type.Object(
      {
        /** Must equal the file name without .yaml. */
        id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
        name: Name,
        code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
        province: Type.Optional(Name),
        ...Aliases,
      },
      { additionalProperties: false },
    ),
    districts: Type.Array(DistrictSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type CityFile = Static<typeof CityFileSchema>
export type StreetItem = Static<typeof StreetSchema>

const Level = Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('street')])
const Word = Type.String({ minLength: 1, maxLength: 24 })

/** Where a fallback name may start: right after a place of a higher level, right after a cue word, or after punctuation / the start of the text. */
export const START_KINDS = ['place', 'cue', 'boundary'] as const

export const RuleSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
    level: Level,
    /** The literal endings of a match (区, 街道 …): the rule runs only where the single pass found one. */
    anchors: Type.Array(Word, { minItems: 1 }),
    /** A JavaScript regular expression (flags iu), matched so that it ends with an anchor. */
    pattern: Type.String({ minLength: 1 }),
    /** Longest match in characters (default 12). */
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
    /** The canonical name: the match as it is (default), or upper-cased (a3区 → A3区). */
    canonical: Type.Optional(Type.Union([Type.Literal('as-is'), Type.Literal('upper')])),
    /** The canonical name written from the pattern's groups, $1 … (黄泥塘办事处 → 黄泥塘街道 with '$1街道'). */
    rename: Type.Optional(Type.String({ minLength: 1 })),
    /** The city a match implies, with $1 … for the pattern's groups (A3区 → A市). */
    city: Type.Optional(Type.String({ minLength: 1 })),
    /** An exact rule (no `fallback`): its confidence. */
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** A fallback rule: used only where the gazetteer and the exact rules name nothing of this level. */
    fallback: Type.Optional(Type.Boolean()),
    /** A fallback rule: the allowed starts and the confidence of each. */
    after: Type.Optional(
      Type.Object(
        {
          place: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          cue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          boundary: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type RuleData = Static<typeof RuleSchema>

export const PatternFileSchema = Type.Object(
  {
    rules: Type.Array(RuleSchema),
    /** False friends: words that are never places and void any anchor inside them (小区, 社区, 步行街 …). */
    notPlaces: Type.Array(Word),
    /** Words after which a fallback name may start (在, 位于, 反映 …). */
    cues: Type.Array(Word),
    /** Characters a fallback name never contains (的, 我, 们, 这 …). */
    forbiddenChars: Type.String(),
    /** Fallback names (without their ending) that are not places (附近, 周边 …). */
    notNames: Type.Array(Word),
    /** An alias directly followed by one of these is part of a longer name (南岗 in 南岗村, 长春 in 长春路) and does not count. */
    aliasBreakers: Type.Array(Word),
  },
  { additionalProperties: false },
)
export type PatternFile = Static<typeof PatternFileSchema>
