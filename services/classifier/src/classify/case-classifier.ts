import type { CaseClassified } from '@hotline-hub/contracts'
import type { TopicModel } from '../topic/model.ts'
import { messageText } from '../topic/dataset.ts'
import type { RuleSet } from '../rules/index.ts'
import type { Gazetteer } from '../location/index.ts'
import type { UrgencyBackstop } from './urgency-backstop.ts'

/** What a case gives the classifier: its text, and the place the channel or the operator filled in. */
export interface ClassifyInput {
  title?: string | undefined
  content: string
  location?: { district?: string | undefined; street?: string | undefined } | undefined
}

/** Said in `because` when the place comes from the case's own fields, not from the text. */
export const GIVEN_LOCATION = '受理信息填写'

/**
 * The classifier: the topic model (一级分类) and the rule sets (诉求类型, 紧急程度,
 * 情绪, 二级分类) and the gazetteer (地点), each tag with the words or rules that
 * produced it. One instance is immutable; a reload builds a new one.
 */
export class CaseClassifier {
  /** `<topic model>+r<rules>+g<gazetteer>`: everything a tag depends on. */
  readonly version: string

  constructor(
    readonly topic: TopicModel,
    readonly rules: RuleSet,
    readonly places: Gazetteer,
    readonly backstop: UrgencyBackstop | null = null,
  ) {
    this.version = `${topic.version}+r${rules.version}+g${places.version}${backstop ? `+u${backstop.version}` : ''}`
  }

  /** Never throws on odd text: empty, punctuation, 50,000 characters, traditional, English all give a defined result. */
  classify(input: ClassifyInput): CaseClassified {
    return this.classifyDetailed(input).result
  }

  /** classify(), and the ranking of every topic (for a person choosing another). */
  classifyDetailed(input: ClassifyInput): { result: CaseClassified; topicRanking: { label: string; p: number }[] } {
    const text = this.topic.normalize(messageText(input.title, input.content))
    const topic = this.topic.predictNormalized(text)
    const r = this.rules.analyze(text)
    const { urgency, hazard } = this.withBackstop(text, r)
    const subtopics = r.subtopics.map((s) => ({ value: s.value, confidence: round(s.confidence), because: s.because.slice(0, 50) }))
    if (hazard && !subtopics.some((s) => s.value === hazard)) {
      subtopics.unshift({ value: hazard, confidence: round(urgency.confidence), because: urgency.because.slice(0, 50) })
    }
    const result: CaseClassified = {
      modelVersion: this.version,
      topic: { value: topic.label, confidence: round(topic.confidence), because: topic.because },
      subtopics: subtopics.slice(0, 20),
      appealType: { value: r.appealType.value, confidence: round(r.appealType.confidence), because: r.appealType.because.slice(0, 50) },
      urgency: { value: urgency.value, confidence: round(urgency.confidence), because: urgency.because.slice(0, 50) },
      sentiment: { negativity: round(r.sentiment.negativity), flags: r.sentiment.flags.slice(0, 10), because: r.sentiment.because.slice(0, 50) },
      location: this.locate(text, input.location),
    }
    return { result, topicRanking: topic.top.map((x) => ({ label: x.label, p: round(x.p) })) }
  }

  /**
   * 紧急 模型兜底: a case the rules leave below 紧急 is raised when the backstop
   * model is sure enough; its explanation says so and names the model's words.
   * The hazard is then unknown (the rules found none).
   */
  private withBackstop(text: string, r: ReturnType<RuleSet['analyze']>): { urgency: ReturnType<RuleSet['analyze']>['urgency']; hazard: string | null } {
    if (!this.backstop || r.urgency.value === '紧急' || text.length === 0) return { urgency: r.urgency, hazard: r.hazard }
    const j = this.backstop.judge(text)
    if (j.p < this.backstop.threshold) return { urgency: r.urgency, hazard: r.hazard }
    const because = [`模型兜底判为紧急 (p=${j.p.toFixed(2)})`, ...j.because, `规则判为${r.urgency.value}`, ...r.urgency.because]
    return { urgency: { value: '紧急', confidence: j.p, because: because.slice(0, 50) }, hazard: null }
  }

  /**
   * The place named in the text, unless the case already says where: a
   * district the operator typed wins over one read from the text, and a street
   * read from the text fills in only when it lies in that district.
   */
  private locate(text: string, given: ClassifyInput['location']): CaseClassified['location'] {
    const found = this.places.locate(text)
    const district = given?.district?.trim() || undefined
    const street = given?.street?.trim() || undefined
    if (!district && !street) {
      return {
        ...(found.district ? { district: found.district } : {}),
        ...(found.street ? { street: found.street } : {}),
        because: found.because.slice(0, 50),
      }
    }
    const streetFromText = !street && found.street && (!district || found.district === district) ? found.street : undefined
    const because = [GIVEN_LOCATION, ...(streetFromText ? found.because : [])]
    return {
      ...(district ? { district } : found.district && street ? { district: found.district } : {}),
      ...(street ? { street } : streetFromText ? { street: streetFromText } : {}),
      because: because.slice(0, 50),
    }
  }
}

const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000
