import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { WorkingCalendar, type DeadlineSpec, type Pause } from '@hotline-hub/calendar'
import { DataFileError, parseDataFile } from '@hotline-hub/platform'
import type { CaseFacts, StoredPause } from '../tracking/case-facts.ts'

export const DEFAULT_SLA_POLICY = fileURLToPath(new URL('../../data/sla-policy.yaml', import.meta.url))

const Duration = Type.Union([
  Type.Object({ hours: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
  Type.Object(
    { workingHours: Type.Number({ exclusiveMinimum: 0 }), officeHours: Type.Object({ start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }) }, { additionalProperties: false }) },
    { additionalProperties: false },
  ),
  Type.Object({ workingDays: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false }),
  Type.Object({ days: Type.Number({ exclusiveMinimum: 0, maximum: 365 }) }, { additionalProperties: false }),
])
export type Duration = Static<typeof Duration>

const SlaRule = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    when: Type.Optional(
      Type.Object(
        {
          urgency: Type.Optional(Type.Array(Type.Union([Type.Literal('紧急'), Type.Literal('加急'), Type.Literal('一般')]), { minItems: 1 })),
          appealType: Type.Optional(Type.Array(Type.Union(['咨询', '求助', '投诉', '举报', '建议', '表扬'].map((v) => Type.Literal(v))), { minItems: 1 })),
          channel: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
          topic: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    response: Type.Optional(Duration),
    resolution: Type.Optional(Duration),
  },
  { additionalProperties: false },
)

export const SlaPolicySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** 预警: share of the allowed time after which a warning goes out. */
    warningFraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.8 }),
    rules: Type.Array(SlaRule, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type SlaPolicyData = Static<typeof SlaPolicySchema>

/** The deadlines of one case. */
export interface CaseDeadlines {
  /** The rules that set them, e.g. `emergency+complaint-or-report`. */
  rule: string
  responseDue: Date | null
  resolutionDue: Date | null
  /** A year without calendar data was consulted: recompute when it is loaded. */
  provisional: boolean
  /** An open 补正 pause: the resolution clock is stopped. */
  paused: boolean
}

/** The SLA policy (时限规则) as loaded from its data file. Immutable; a reload builds a new one. */
export class SlaPolicy {
  private constructor(
    readonly data: SlaPolicyData,
    readonly version: string,
    readonly calendar: WorkingCalendar,
  ) {}

  static fromText(text: string, file: string, calendar: WorkingCalendar): SlaPolicy {
    const data = parseDataFile(text, SlaPolicySchema, file)
    const ids = new Set<string>()
    data.rules.forEach((r, i) => {
      if (ids.has(r.id)) throw new DataFileError(file, 0, 0, `rule ${i + 1}: duplicate id "${r.id}"`, `/rules/${i}/id`)
      ids.add(r.id)
    })
    return new SlaPolicy(data, createHash('sha256').update(text).digest('hex').slice(0, 12), calendar)
  }

  static load(path: string = DEFAULT_SLA_POLICY, calendar: WorkingCalendar = WorkingCalendar.fromDirectory()): SlaPolicy {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new DataFileError(path, 0, 0, `cannot read the file: ${(err as Error).message}`)
    }
    return SlaPolicy.fromText(text, path, calendar)
  }

  get warningFraction(): number {
    return this.data.warningFraction
  }

  /** Deadlines of a case from its facts (receipt time, urgency, appeal type, pauses). */
  deadlines(f: Pick<CaseFacts, 'receivedAt' | 'urgency' | 'appealType' | 'channel' | 'topic' | 'pauses'>): CaseDeadlines {
    const matches = this.data.rules.filter((r) => matchesRule(r.when, f))
    const response = matches.find((r) => r.response)
    const resolution = matches.find((r) => r.resolution)
    const pauses = toPauses(f.pauses)
    const due = (d: Duration | undefined, withPauses: boolean) => (d ? this.calendar.deadline(spec(d, f.receivedAt), withPauses ? pauses : []) : null)
    // First contact is not paused by 补正 (the department must still call back); resolution is.
    const r1 = due(response?.response, false)
    const r2 = due(resolution?.resolution, true)
    return {
      rule: [response?.id, resolution?.id].filter((x, i, a) => x && a.indexOf(x) === i).join('+') || 'none',
      responseDue: r1?.due ?? null,
      resolutionDue: r2?.due ?? null,
      provisional: Boolean(r1?.provisional || r2?.provisional),
      paused: r2?.state === 'paused',
    }
  }

  /** The rule that sets a deadline kind of a case (the first that matches and sets it), or null. */
  ruleFor(f: Pick<CaseFacts, 'urgency' | 'appealType' | 'channel' | 'topic'>, kind: DeadlineKind): { id: string; duration: Duration } | null {
    const r = this.data.rules.find((x) => x[kind] && matchesRule(x.when, f))
    return r ? { id: r.id, duration: r[kind]! } : null
  }

  /** The deadline of one kind with the case's pauses as they are, or with some of them (e.g. the due known before an open pause). */
  deadlineOf(f: Pick<CaseFacts, 'receivedAt' | 'urgency' | 'appealType' | 'channel' | 'topic'>, kind: DeadlineKind, pauses: readonly StoredPause[]): Date | null {
    const rule = this.ruleFor(f, kind)
    if (!rule) return null
    return this.calendar.deadline(spec(rule.duration, f.receivedAt), kind === 'resolution' ? toPauses(pauses) : []).due
  }
}

/** 时限类别: first contact (响应) or resolution (办结). */
export type DeadlineKind = 'response' | 'resolution'
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['response', 'resolution']

/**
 * How warnings measure the time spent: a deadline in working days (or office
 * hours) counts only working days, so that one spanning 春节 does not warn in
 * the middle of the holiday; a deadline in clock hours or days counts every hour.
 */
export const warningBasisOf = (d: Duration): 'clock' | 'working-days' => ('workingDays' in d || 'workingHours' in d ? 'working-days' : 'clock')

function matchesRule(when: Static<typeof SlaRule>['when'], f: Pick<CaseFacts, 'urgency' | 'appealType' | 'channel' | 'topic'>): boolean {
  if (!when) return true
  const test = (allowed: readonly string[] | undefined, v: string | null) => !allowed || (v !== null && allowed.includes(v))
  return test(when.urgency, f.urgency) && test(when.appealType, f.appealType) && test(when.channel, f.channel) && test(when.topic, f.topic)
}

function spec(d: Duration, start: Date): DeadlineSpec {
  if ('workingDays' in d) return { kind: 'working-days', start, days: d.workingDays, dueAt: 'same-time' }
  if ('workingHours' in d) return { kind: 'working-hours', start, hours: d.workingHours, workingHours: d.officeHours }
  if ('hours' in d) return { kind: 'working-hours', start, hours: d.hours, workingHours: '24x7' }
  return { kind: 'clock', start, ms: d.days * 86_400_000 }
}

export const toPauses = (ps: readonly StoredPause[]): Pause[] => ps.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null, effect: 'suspend' }))
