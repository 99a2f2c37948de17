import type { Evaluation } from './metrics.ts'
import type { TopicParams } from './params.ts'
import type { ScoringTable } from './scoring-table.ts'
import { softmaxInto } from './calibrate.ts'
import { tokenStarts, wordsOf, type RawFeatures } from './extract-features.ts'
import { TopicVectorizer } from './vectorizer.ts'
import { topPositive } from './top-n.ts'

/** What the training data was, for the record in the artifact. */
export interface TrainingRecord {
  examples: number
  bySource: Record<string, number>
  /** Corrections that replaced the label of a training text / were added as new texts. */
  feedbackReplaced: number
  feedbackAdded: number
  dataSha256: string
  seconds: number
}

/** A trained topic model in memory: what the artifact stores, expanded for fast scoring. */
export interface TopicModelData {
  version: string
  createdAt: string
  labels: string[]
  params: TopicParams
  /** IDF and weights per hash bucket. */
  table: ScoringTable
  /** Scores are turned into probabilities by softmax(T · score). */
  temperature: number
  /** Class shares in the training data: the answer when a text has nothing to go on. */
  prior: number[]
  /** sha256 of the jieba user dictionary the model was trained with. */
  dictSha256: string
  training: TrainingRecord
  metrics: { dev?: Omit<Evaluation, 'confusion'> & { confusion?: number[][] } }
}

export interface TopicPrediction {
  label: string
  /** Probability of the label; 0 when the text gave nothing to go on. */
  confidence: number
  /** All labels, most likely first. */
  top: { label: string; p: number }[]
  /** The words and character n-grams that pushed most towards the label (for the explanation 说明). */
  because: string[]
}

/** Reasons given instead of words when the text has nothing to classify. */
export const EMPTY_TEXT = '文本为空'
export const NO_USABLE_TEXT = '无可识别的文字'
/** Given when the label rests on the model's bias rather than on any word. */
export const NO_CLEAR_EVIDENCE = '无明显关键词'

/** One text's weighted features, scored. */
interface Scored {
  raw: RawFeatures
  /** Entries of `raw` that survived (non-zero IDF), their TF-IDF values and buckets. */
  pos: Int32Array
  val: Float64Array
  n: number
  scores: Float64Array
}

export class TopicModel {
  readonly version: string
  readonly labels: readonly string[]
  private readonly vectorizer: TopicVectorizer
  private readonly probs: Float64Array
  private readonly acc: Float64Array
  private pos = new Int32Array(4096)
  private val = new Float64Array(4096)

  constructor(
    readonly data: TopicModelData,
    private readonly explainTop = 5,
  ) {
    this.version = data.version
    this.labels = data.labels
    this.vectorizer = new TopicVectorizer(data.params.features)
    this.probs = new Float64Array(data.labels.length)
    this.acc = new Float64Array(data.labels.length)
  }

  /**
   * TF-IDF (blocks L2-normalized and weighted, then the whole vector) and the
   * per-label scores, straight from the int16 table; same arithmetic as
   * tfidf.ts `weigh` on quantized IDF. Undefined when no feature is known.
   */
  private score(normalized: string): Scored | undefined {
    const raw = this.vectorizer.raw(normalized)
    const t = this.data.table
    const { cells, idfScale, weightScales, bias } = t
    const K = t.classes
    const S = K + 1
    const m = raw.idx.length
    if (this.pos.length < m) {
      this.pos = new Int32Array(m * 2)
      this.val = new Float64Array(m * 2)
    }
    const { pos, val } = this
    const { idx, count, block } = raw
    const f = this.data.params.features
    const sublinear = f.sublinearTf
    let sq0 = 0
    let sq1 = 0
    let sq2 = 0
    let n = 0
    for (let j = 0; j < m; j++) {
      const q = cells[idx[j]! * S]!
      if (q === 0) continue
      const c = count[j]!
      const v = Math.fround((sublinear ? (c === 1 ? 1 : 1 + Math.log(c)) : c) * Math.fround(q * idfScale))
      pos[n] = j
      val[n] = v
      const b = block[j]!
      if (b === 0) sq0 += v * v
      else if (b === 1) sq1 += v * v
      else sq2 += v * v
      n++
    }
    if (n === 0) return undefined
    const s0 = sq0 > 0 ? f.wordWeight / Math.sqrt(sq0) : 0
    const s1 = sq1 > 0 ? f.charWeight / Math.sqrt(sq1) : 0
    const s2 = sq2 > 0 ? f.titleWeight / Math.sqrt(sq2) : 0
    let total = 0
    for (let i = 0; i < n; i++) {
      const b = block[pos[i]!]!
      const v = Math.fround(val[i]! * (b === 0 ? s0 : b === 1 ? s1 : s2))
      val[i] = v
      total += v * v
    }
    const norm = total > 0 ? 1 / Math.sqrt(total) : 0
    const acc = this.acc.fill(0)
    for (let i = 0; i < n; i++) {
      const v = Math.fround(val[i]! * norm)
      val[i] = v
      const row = idx[pos[i]!]! * S + 1
      for (let k = 0; k < K; k++) acc[k]! += v * cells[row + k]!
    }
    const scores = new Float64Array(K)
    for (let k = 0; k < K; k++) scores[k] = bias[k]! + acc[k]! * weightScales[k]!
    return { raw, pos, val, n, scores }
  }

  /** Raw per-label scores of a text (before the softmax); undefined when nothing in it is known. */
  scoresOf(text: unknown): Float64Array | undefined {
    const normalized = this.vectorizer.normalize(text)
    return normalized.length === 0 ? undefined : this.score(normalized)?.scores
  }

  /** Topic of one text (subject and body joined by a newline, or any free text). Never throws on odd input. */
  predict(text: unknown): TopicPrediction {
    return this.predictNormalized(this.vectorizer.normalize(text))
  }

  /** Text as this model's features see it (cut, NFKC, simplified, lower case): normalize once, use it twice. */
  normalize(text: unknown): string {
    return this.vectorizer.normalize(text)
  }

  /** predict() for a text already passed through normalize(). */
  predictNormalized(normalized: string): TopicPrediction {
    if (normalized.length === 0) return this.fallback(EMPTY_TEXT)
    const scored = this.score(normalized)
    if (!scored) return this.fallback(NO_USABLE_TEXT)
    const p = softmaxInto(scored.scores, this.data.temperature, this.probs)
    const top = this.ranked(p)
    const best = this.labels.indexOf(top[0]!.label)
    return { label: top[0]!.label, confidence: top[0]!.p, top, because: this.explain(scored, best) }
  }

  /**
   * Evidence for label `best`: value × (its weight − the mean weight over all
   * labels). Only the strongest few entries are turned into strings.
   */
  private explain(scored: Scored, best: number): string[] {
    const { raw, pos, val, n: count } = scored
    const { cells, weightScales, classes: K } = this.data.table
    const S = K + 1
    const contribution = new Float64Array(count)
    const bestScale = weightScales[best]!
    for (let i = 0; i < count; i++) {
      const row = raw.idx[pos[i]!]! * S + 1
      let mean = 0
      for (let k = 0; k < K; k++) mean += cells[row + k]! * weightScales[k]!
      contribution[i] = val[i]! * (cells[row + best]! * bestScale - mean / K)
    }
    // Shown as words: a character n-gram's share goes to the words it overlaps.
    const starts = tokenStarts(raw.tokens)
    const contrib = new Map<string, number>()
    for (const i of topPositive(contribution, count, Math.max(this.explainTop * 5, 10))) {
      const words = wordsOf(raw, pos[i]!, starts).filter((w) => w.trim().length > 0)
      for (const w of words) contrib.set(w, (contrib.get(w) ?? 0) + contribution[i]! / words.length)
    }
    return this.pickEvidence(contrib)
  }

  private ranked(p: ArrayLike<number>): { label: string; p: number }[] {
    return this.labels.map((label, k) => ({ label, p: p[k]! })).sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1))
  }

  private fallback(reason: string): TopicPrediction {
    const top = this.ranked(this.data.prior)
    return { label: top[0]!.label, confidence: 0, top, because: [reason] }
  }

  /**
   * The strongest surfaces, words of two or more characters first; one that
   * contains or is contained in a stronger one is left out.
   */
  private pickEvidence(contrib: Map<string, number>): string[] {
    const sorted = [...contrib].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    const picked: string[] = []
    for (const pass of [2, 1]) {
      for (const [surface] of sorted) {
        if (picked.length >= this.explainTop) break
        if (pass === 2 ? surface.length < 2 : surface.length !== 1) continue
        if (picked.some((q) => q.includes(surface) || surface.includes(q))) continue
        picked.push(surface)
      }
    }
    return picked.length > 0 ? picked : [NO_CLEAR_EVIDENCE]
  }
}
