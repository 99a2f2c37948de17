import { Type, type Static } from '@sinclair/typebox'

/**
 * TypeBox schemas of the rule files in data/rules/. Every file is validated
 * by `loadDataFile` when it is loaded; a bad file is refused with its line.
 * The shapes shared by all files (words, signals, context rules) come first.
 */

const strict = { additionalProperties: false } as const

export const Word = Type.String({ minLength: 1, maxLength: 40, description: 'a word as it appears in normalized text (simplified, lower case)' })
export const Words = Type.Array(Word, { minItems: 1, maxItems: 2000 })
const Id = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'kebab-case id, quoted in explanations' })
const Note = Type.Optional(Type.String({ maxLength: 500, description: "a remark for the people who edit the file" }))

/** 紧急 categories (突发事件 types) and 加急 outages (水电气热). */
export const EMERGENCY_HAZARDS = ['燃气泄漏', '火灾', '爆炸', '坍塌/塌陷', '人员被困', '溺水', '触电', '危化品', '群体性事件', '极端天气', '人身伤害', '自伤风险'] as const
export const OUTAGES = ['停水', '停电', '停气', '停暖'] as const
export type EmergencyHazard = (typeof EMERGENCY_HAZARDS)[number]
export type Outage = (typeof OUTAGES)[number]
export type Hazard = EmergencyHazard | Outage

const Hazard = Type.Union([...EMERGENCY_HAZARDS, ...OUTAGES].map((h) => Type.Literal(h)))
/** In `only` / `except`: a hazard, or 紧急 (every emergency hazard) or 加急 (every outage). */
const CategorySelector = Type.Union([...EMERGENCY_HAZARDS, ...OUTAGES, '紧急', '加急'].map((h) => Type.Literal(h)))

export const Scope = Type.Union([Type.Literal('clause'), Type.Literal('sentence'), Type.Literal('text')], {
  description: 'clause: up to the next , ; : 。 ! ? or line break; sentence: up to the next 。 ! ? or line break; text: the whole text',
})
export type Scope = Static<typeof Scope>

/** A signal: any one of `words`, or one word of each `near` group within `within` characters in one sentence. */
function signal(maxWeight: number) {
  const w = Type.Number({ minimum: 0, maximum: maxWeight })
  return Type.Union([
    Type.Object({ w, words: Words, note: Note }, strict),
    Type.Object(
      {
        w,
        near: Type.Array(Words, { minItems: 2, maxItems: 4 }),
        within: Type.Integer({ minimum: 0, maximum: 80, description: 'most characters between the words' }),
        note: Note,
      },
      strict,
    ),
  ])
}
/** A signal whose weight is a probability-like strength (0..1). */
export const Signal = signal(1)
/** A signal whose weight is a score (0..5) added up with others. */
export const ScoreSignal = signal(5)
export type Signal = Static<typeof Signal>

/** Restoring cues of a context rule, and where they must be to overrule it. */
const Unless = Type.Object(
  {
    cues: Words,
    scope: Type.Union([Scope, Type.Literal('between')], {
      description: 'where a restoring cue must be: the clause / sentence / text of the word, or between the blocking cue and the word',
    }),
  },
  strict,
)

/**
 * A context rule: a cue within `before` characters before, or `after`
 * characters after, a word that fired (in the same clause or sentence)
 * blocks it, unless one of `unless.cues` is in the same scope as the word.
 */
export const ContextRule = Type.Object(
  {
    id: Id,
    label: Type.String({ minLength: 1, maxLength: 40, description: 'why the word is blocked, e.g. 被否定' }),
    cues: Words,
    before: Type.Integer({ minimum: 0, maximum: 20000, default: 0 }),
    after: Type.Integer({ minimum: 0, maximum: 20000, default: 0 }),
    scope: Scope,
    only: Type.Optional(Type.Array(CategorySelector, { minItems: 1 })),
    except: Type.Optional(Type.Array(CategorySelector, { minItems: 1 })),
    unless: Type.Optional(Type.Union([Unless, Type.Array(Unless, { minItems: 1 })])),
    note: Note,
  },
  strict,
)
export type ContextRule = Static<typeof ContextRule>

export const UrgencyFile = Type.Object(
  {
    /** A hazard fires when its score reaches this. */
    threshold: Type.Number({ minimum: 0.05, maximum: 1 }),
    masks: Words,
    boosts: Type.Array(
      Type.Object({ id: Id, add: Type.Number({ minimum: 0, maximum: 0.5 }), cues: Words, scope: Scope, note: Note }, strict),
    ),
    rules: Type.Array(
      Type.Object(
        { id: Id, hazard: Hazard, signals: Type.Array(Signal, { minItems: 1 }), contexts: Type.Optional(Type.Array(ContextRule)), note: Note },
        strict,
      ),
      { minItems: 1 },
    ),
    contexts: Type.Array(ContextRule),
  },
  strict,
)
export type UrgencyFile = Static<typeof UrgencyFile>

export const APPEAL_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const
export type AppealType = (typeof APPEAL_TYPES)[number]
const AppealType = Type.Union(APPEAL_TYPES.map((a) => Type.Literal(a)))

export const AppealTypeFile = Type.Object(
  {
    default: AppealType,
    defaultReason: Type.String({ minLength: 1, maxLength: 100 }),
    /** Ties are broken by this order, first wins. */
    tieOrder: Type.Array(AppealType, { minItems: 6, maxItems: 6, uniqueItems: true }),
    /** Cues in the first line (the subject) count this many times. */
    titleFactor: Type.Number({ minimum: 1, maximum: 5 }),
    masks: Words,
    types: Type.Array(Type.Object({ value: AppealType, signals: Type.Array(ScoreSignal, { minItems: 1 }), note: Note }, strict), {
      minItems: 1,
    }),
  },
  strict,
)
export type AppealTypeFile = Static<typeof AppealTypeFile>

export const SENTIMENT_FLAGS = ['重复反映', '媒体/网络', '集体', '极端'] as const
export type SentimentFlag = (typeof SENTIMENT_FLAGS)[number]

export const SentimentFile = Type.Object(
  {
    /** negativity = 1 − exp(−scale × score). */
    scale: Type.Number({ minimum: 0.01, maximum: 10 }),
    masks: Words,
    negative: Type.Array(ScoreSignal, { minItems: 1 }),
    positive: Type.Array(ScoreSignal),
    intensifiers: Type.Object(
      { factor: Type.Number({ minimum: 1, maximum: 5 }), window: Type.Integer({ minimum: 0, maximum: 10 }), words: Words },
      strict,
    ),
    exclamation: Type.Object(
      { marks: Words, each: Type.Number({ minimum: 0, maximum: 1 }), max: Type.Number({ minimum: 0, maximum: 2 }) },
      strict,
    ),
    flags: Type.Array(
      Type.Object({ flag: Type.Union(SENTIMENT_FLAGS.map((f) => Type.Literal(f))), signals: Type.Array(Signal, { minItems: 1 }), note: Note }, strict),
    ),
  },
  strict,
)
export type SentimentFile = Static<typeof SentimentFile>

export const SubtopicsFile = Type.Object(
  {
    /** A subtopic is reported when its score reaches this. */
    minScore: Type.Number({ minimum: 0, maximum: 10 }),
    masks: Words,
    subtopics: Type.Array(
      Type.Object({ value: Type.String({ minLength: 1, maxLength: 20 }), signals: Type.Array(ScoreSignal, { minItems: 1 }), note: Note }, strict),
      { minItems: 1 },
    ),
  },
  strict,
)
export type SubtopicsFile = Static<typeof SubtopicsFile>
