import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadDataFile } from '@hotline-hub/platform'
import { PACKAGE_ROOT } from '../topic/paths.ts'
import { analyzeAppealType, compileAppealType, type AppealTypeRules } from './appeal-type.ts'
import { EMPTY_TEXT, NO_USABLE_TEXT } from './explain.ts'
import { Layout } from './layout.ts'
import { bindLexicons, Lexicon } from './lexicon.ts'
import type { Matcher } from './matcher.ts'
import { AppealTypeFile, SentimentFile, SubtopicsFile, UrgencyFile, type AppealType, type SentimentFlag } from './schema.ts'
import { analyzeSentiment, compileSentiment, type SentimentRules } from './sentiment.ts'
import { analyzeSubtopics, compileSubtopics, type SubtopicRules } from './subtopics.ts'
import { analyzeUrgency, compileUrgency, type Urgency, type UrgencyRules } from './urgency.ts'

/** services/classifier/data/rules: the shipped rule files. */
export const DEFAULT_RULES_DIR = join(PACKAGE_ROOT, 'data', 'rules')

/** The rule files of a rules directory, all required. */
export const RULE_FILES = ['urgency.yaml', 'appeal-type.yaml', 'sentiment.yaml', 'subtopics.yaml'] as const

/** Longer texts are cut to this many characters (the normalizer's maxChars). */
const MAX_CHARS = 20_000

/** A tag with its strength of evidence and the words or rules that produced it. */
export interface RuleTag<V extends string = string> {
  value: V
  /** 0..1 */
  confidence: number
  /** The words or rules that fired, ≤ 50 items, each ≤ 200 chars. */
  because: string[]
}

/** 情绪: negativity 0..1 and the flags 重复反映, 媒体/网络, 集体, 极端. */
export interface SentimentResult {
  negativity: number
  flags: string[]
  because: string[]
}

export interface RulesResult {
  /** 紧急 / 加急 (水电气热 outage) / 一般 */
  urgency: RuleTag<'紧急' | '加急' | '一般'>
  /** For 紧急: the emergency category that fired, one of 燃气泄漏, 火灾, 爆炸, 坍塌/塌陷, 人员被困, 溺水, 触电, 危化品, 群体性事件, 极端天气, 人身伤害, 自伤风险 (or null). For 加急: the outage (停水, 停电, 停气, 停暖), else null. */
  hazard: string | null
  /** 诉求类型 */
  appealType: RuleTag<'咨询' | '求助' | '投诉' | '举报' | '建议' | '表扬'>
  sentiment: SentimentResult
  /** City-management subtopics (城市管理二级分类), strongest first. */
  subtopics: RuleTag[]
}

interface Compiled {
  matcher: Matcher
  urgency: { lexicon: Lexicon; rules: UrgencyRules }
  appealType: { lexicon: Lexicon; rules: AppealTypeRules }
  sentiment: { lexicon: Lexicon; rules: SentimentRules }
  subtopics: { lexicon: Lexicon; rules: SubtopicRules }
}

/**
 * The rule-based taggers (urgency, appeal type, sentiment, subtopics), built
 * from the YAML rule files of one directory. Immutable: reload by loading a
 * new RuleSet (see Reloadable in @hotline-hub/platform).
 */
export class RuleSet {
  private constructor(
    private readonly c: Compiled,
    /** sha256 (first 12 hex) over the rule files' names and bytes: recorded as the rules' version in every classification. */
    readonly version: string,
    /** Where the rule files were read from. */
    readonly dir: string,
  ) {}

  /** Loads and validates every rule file of `dir` (default services/classifier/data/rules); throws DataFileError on a bad file. */
  static load(dir: string = DEFAULT_RULES_DIR): RuleSet {
    const path = (f: string) => join(dir, f)
    const urgencyFile = loadDataFile(path('urgency.yaml'), UrgencyFile)
    const appealFile = loadDataFile(path('appeal-type.yaml'), AppealTypeFile)
    const sentimentFile = loadDataFile(path('sentiment.yaml'), SentimentFile)
    const subtopicsFile = loadDataFile(path('subtopics.yaml'), SubtopicsFile)

    const hash = createHash('sha256')
    for (const f of RULE_FILES) hash.update(`${f}\0`).update(readFileSync(path(f))).update('\0')

    const lexicons = { urgency: new Lexicon(), appealType: new Lexicon(), sentiment: new Lexicon(), subtopics: new Lexicon() }
    const urgency = compileUrgency(urgencyFile, lexicons.urgency)
    const appealType = compileAppealType(appealFile, lexicons.appealType)
    const sentiment = compileSentiment(sentimentFile, lexicons.sentiment)
    const subtopics = compileSubtopics(subtopicsFile, lexicons.subtopics)
    const matcher = bindLexicons(Object.values(lexicons))
    const compiled: Compiled = {
      matcher,
      urgency: { lexicon: lexicons.urgency, rules: urgency },
      appealType: { lexicon: lexicons.appealType, rules: appealType },
      sentiment: { lexicon: lexicons.sentiment, rules: sentiment },
      subtopics: { lexicon: lexicons.subtopics, rules: subtopics },
    }
    return new RuleSet(compiled, hash.digest('hex').slice(0, 12), dir)
  }

  /** `text` is normalized (normalizeText). Never throws: empty or odd text gives 一般 and the default appeal type, with a reason. */
  analyze(text: string): RulesResult {
    const s = typeof text === 'string' ? (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text) : ''
    if (s.trim().length === 0) return this.nothing(EMPTY_TEXT)
    if (!/[\p{L}\p{N}]/u.test(s)) return this.nothing(NO_USABLE_TEXT)
    try {
      return this.run(s)
    } catch (err) {
      // A bug must not lose a case: answer 一般 and say why.
      return this.nothing(`规则分析出错: ${(err as Error).message}`.slice(0, 200))
    }
  }

  private run(text: string): RulesResult {
    const { c } = this
    const hits = c.matcher.search(text)
    const occs = Lexicon.occurrences(hits, c.matcher.words)
    const layout = new Layout(text)
    const u = analyzeUrgency(c.urgency.rules, c.urgency.lexicon.collect(hits, occs), layout)
    const a = analyzeAppealType(c.appealType.rules, c.appealType.lexicon.collect(hits, occs), layout)
    const sentiment = analyzeSentiment(c.sentiment.rules, c.sentiment.lexicon.collect(hits, occs), layout)
    const subtopics = analyzeSubtopics(c.subtopics.rules, c.subtopics.lexicon.collect(hits, occs), layout)
    return {
      urgency: { value: u.value, confidence: u.confidence, because: u.because },
      hazard: u.hazard,
      appealType: { value: a.value, confidence: a.confidence, because: a.because },
      sentiment: { negativity: sentiment.negativity, flags: sentiment.flags as string[], because: sentiment.because },
      subtopics,
    }
  }

  private nothing(reason: string): RulesResult {
    return {
      urgency: { value: '一般', confidence: 0, because: [reason] },
      hazard: null,
      appealType: { value: this.c.appealType.rules.default, confidence: 0, because: [reason] },
      sentiment: { negativity: 0, flags: [], because: [reason] },
      subtopics: [],
    }
  }
}

export type { Urgency, AppealType, SentimentFlag }
export { EMERGENCY_HAZARDS, OUTAGES, APPEAL_TYPES, SENTIMENT_FLAGS, type Hazard, type EmergencyHazard, type Outage } from './schema.ts'
export { EMPTY_TEXT, NO_USABLE_TEXT, MAX_BECAUSE, MAX_BECAUSE_CHARS } from './explain.ts'
