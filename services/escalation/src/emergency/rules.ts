import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { DataFileError, parseDataFile } from '@hotline-hub/platform'
import { GRADES, TRIGGER_KINDS, type Grade, type TriggerKind } from './grades.ts'

export const DEFAULT_EMERGENCY_RULES = fileURLToPath(new URL('../../data/emergency-rules.yaml', import.meta.url))

const GradeSchema = Type.Union(GRADES.map((g) => Type.Literal(g)))
const Words = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1 })
const common = {
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  /** 默认分级 of the draft report. */
  grade: GradeSchema,
}

const SingleCaseRule = Type.Object({ ...common, kind: Type.Literal('single-case'), urgency: Words, subtopics: Words }, { additionalProperties: false })
const ClusterRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('cluster'),
    minCases: Type.Integer({ minimum: 2, maximum: 10000 }),
    windowMinutes: Type.Integer({ minimum: 1, maximum: 43200 }),
    on: Type.Array(Type.Union([Type.Literal('subtopic'), Type.Literal('topic')]), { minItems: 1, maxItems: 2 }),
    /** Only these subtopics/topics cluster (default: any). */
    only: Type.Optional(Words),
  },
  { additionalProperties: false },
)
const SentimentRule = Type.Object({ ...common, kind: Type.Literal('sentiment'), flags: Words }, { additionalProperties: false })
const ManualRule = Type.Object({ ...common, kind: Type.Literal('manual') }, { additionalProperties: false })
const BRANCHES = { 'single-case': SingleCaseRule, cluster: ClusterRule, sentiment: SentimentRule, manual: ManualRule }

/**
 * A rule, checked against the schema of its `kind` only (if/then rather than
 * a union), so that a mistake is reported at its own line and field rather
 * than as "kind must be one of" from the other kinds.
 */
const TriggerRule = Type.Unsafe<Static<typeof SingleCaseRule> | Static<typeof ClusterRule> | Static<typeof SentimentRule> | Static<typeof ManualRule>>({
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: [...TRIGGER_KINDS] } },
  allOf: Object.entries(BRANCHES).map(([kind, then]) => ({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then })),
})
export type TriggerRule = Static<typeof TriggerRule>

const DeadlineRule = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9-]+$' }),
    label: Type.String({ minLength: 1, maxLength: 32 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    grades: Type.Array(GradeSchema, { minItems: 1 }),
    triggers: Type.Optional(Type.Array(Type.Union(TRIGGER_KINDS.map((k) => Type.Literal(k))), { minItems: 1 })),
    minutes: Type.Integer({ minimum: 1, maximum: 525600 }),
    metBy: Type.Union([Type.Literal('phone'), Type.Literal('approved'), Type.Literal('milestone')]),
  },
  { additionalProperties: false },
)
export type DeadlineRule = Static<typeof DeadlineRule>

export const EmergencyRulesSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    rules: Type.Array(TriggerRule, { minItems: 1 }),
    deadlines: Type.Array(DeadlineRule),
  },
  { additionalProperties: false },
)
export type EmergencyRulesData = Static<typeof EmergencyRulesSchema>

/** The emergency rules in force (触发规则与报告时限), as loaded from their data file. Immutable; a reload builds a new one. */
export class EmergencyRules {
  private constructor(
    readonly data: EmergencyRulesData,
    readonly version: string,
  ) {}

  static fromText(text: string, file: string): EmergencyRules {
    const data = parseDataFile(text, EmergencyRulesSchema, file)
    const lineOf = (needle: string, from = 0): number => {
      const lines = text.split('\n')
      for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1
      return 0
    }
    const seen = new Set<string>()
    data.rules.forEach((r, i) => {
      if (seen.has(r.id)) throw new DataFileError(file, lineOf(`id: ${r.id}`, lineOf(`id: ${r.id}`)), 1, `duplicate rule id "${r.id}"`, `/rules/${i}/id`)
      seen.add(r.id)
    })
    if (!data.rules.some((r) => r.kind === 'manual')) throw new DataFileError(file, lineOf('rules:') || 1, 1, 'a rule of kind "manual" is required (the grade of an incident opened by hand)', '/rules')
    const kinds = new Set<string>()
    data.deadlines.forEach((d, i) => {
      if (kinds.has(d.kind)) throw new DataFileError(file, lineOf(`kind: ${d.kind}`, lineOf(`kind: ${d.kind}`, lineOf('deadlines:'))), 1, `duplicate deadline kind "${d.kind}"`, `/deadlines/${i}/kind`)
      kinds.add(d.kind)
    })
    return new EmergencyRules(data, createHash('sha256').update(text).digest('hex').slice(0, 12))
  }

  static load(path: string = DEFAULT_EMERGENCY_RULES): EmergencyRules {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new DataFileError(path, 0, 0, `cannot read the file: ${(err as Error).message}`)
    }
    return EmergencyRules.fromText(text, path)
  }

  get triggers(): TriggerRule[] {
    return this.data.rules
  }

  rule(id: string): TriggerRule | undefined {
    return this.data.rules.find((r) => r.id === id)
  }

  get manual(): TriggerRule {
    return this.data.rules.find((r) => r.kind === 'manual')!
  }

  /** The deadlines of an 初报 of this grade, opened by this kind of trigger. */
  deadlinesFor(grade: Grade, trigger: TriggerKind): DeadlineRule[] {
    return this.data.deadlines.filter((d) => d.grades.includes(grade) && (!d.triggers || d.triggers.includes(trigger)))
  }

  deadline(kind: string): DeadlineRule | undefined {
    return this.data.deadlines.find((d) => d.kind === kind)
  }
}
