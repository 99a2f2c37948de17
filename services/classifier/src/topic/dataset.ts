import { readFileSync } from 'node:fs'

/** One labelled text for training or evaluation. */
export interface LabelledText {
  text: string
  label: string
  /** Where it came from: 'train', 'dev', 'test' or 'feedback'. */
  source: string
  /** Relative weight in training (1 unless a correction asks for more). */
  weight?: number
}

export class TopicDataError extends Error {
  override name = 'TopicDataError'
}

/** The text the model reads for a message: subject and body on separate lines. */
export function messageText(subject: unknown, body: unknown): string {
  const s = typeof subject === 'string' ? subject.trim() : ''
  const b = typeof body === 'string' ? body.trim() : ''
  return s && b ? `${s}\n${b}` : s || b
}

function parseLines(path: string): { line: number; row: Record<string, unknown> }[] {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (e) {
    throw new TopicDataError(`cannot read ${path}: ${(e as Error).message}`)
  }
  const out: { line: number; row: Record<string, unknown> }[] = []
  content.split('\n').forEach((text, i) => {
    if (!text.trim()) return
    let row: unknown
    try {
      row = JSON.parse(text)
    } catch {
      throw new TopicDataError(`${path}:${i + 1}: not JSON`)
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new TopicDataError(`${path}:${i + 1}: not an object`)
    out.push({ line: i + 1, row: row as Record<string, unknown> })
  })
  return out
}

function checkLabel(label: unknown, labels: readonly string[], where: string): string {
  if (typeof label !== 'string' || !labels.includes(label)) {
    throw new TopicDataError(`${where}: label ${JSON.stringify(label)} is not one of ${labels.join(', ')}`)
  }
  return label
}

/** A split of the TipDM messages: {subject, body, label} per line. */
export function readMessages(path: string, source: string, labels: readonly string[]): LabelledText[] {
  return parseLines(path).map(({ line, row }) => ({
    text: messageText(row.subject, row.body),
    label: checkLabel(row.label, labels, `${path}:${line}`),
    source,
  }))
}

/**
 * Duty officers' corrections (值班员改判), one JSON object a line:
 * `{"text": "…", "label": "环境保护"}` or `{"subject": "…", "body": "…", "label": …}`,
 * optionally `"weight": 2`. Other fields (caseId, correctedBy, correctedAt …) are ignored.
 */
export function readFeedback(path: string, labels: readonly string[]): LabelledText[] {
  return parseLines(path).map(({ line, row }) => {
    const text = typeof row.text === 'string' ? row.text : messageText(row.subject, row.body)
    if (!text.trim()) throw new TopicDataError(`${path}:${line}: a correction needs text (or subject/body)`)
    const weight = row.weight === undefined ? 1 : Number(row.weight)
    if (!Number.isFinite(weight) || weight <= 0 || weight > 100) throw new TopicDataError(`${path}:${line}: weight must be in (0, 100]`)
    return { text, label: checkLabel(row.label, labels, `${path}:${line}`), source: 'feedback', weight }
  })
}

/**
 * Training examples plus corrections. A correction of a text that is already
 * in the training data replaces its label (the officer's word wins); a later
 * correction of the same text wins over an earlier one; the rest are added.
 * `key` maps a text to its identity (the normalized text).
 */
export function mergeFeedback(
  base: readonly LabelledText[],
  feedback: readonly LabelledText[],
  key: (text: string) => string,
): { examples: LabelledText[]; replaced: number; added: number } {
  const latest = new Map<string, LabelledText>()
  for (const f of feedback) latest.set(key(f.text), f)
  let replaced = 0
  const examples = base.map((e) => {
    const f = latest.get(key(e.text))
    if (!f) return e
    replaced++
    return f
  })
  const used = new Set(base.map((e) => key(e.text)))
  let added = 0
  for (const [k, f] of latest) {
    if (used.has(k)) continue
    examples.push(f)
    added++
  }
  return { examples, replaced, added }
}
