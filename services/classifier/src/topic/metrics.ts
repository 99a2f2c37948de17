/** Per-class precision, recall, F1 and support. */
export interface ClassMetrics {
  label: string
  precision: number
  recall: number
  f1: number
  support: number
}

export interface Evaluation {
  n: number
  accuracy: number
  macroF1: number
  perClass: ClassMetrics[]
  /** confusion[gold][predicted] */
  confusion: number[][]
}

/** Accuracy, macro-F1 (the TipDM competition's metric) and the per-class table. */
export function evaluate(gold: readonly number[], predicted: readonly number[], labels: readonly string[]): Evaluation {
  const K = labels.length
  const confusion = labels.map(() => new Array<number>(K).fill(0))
  let correct = 0
  for (let i = 0; i < gold.length; i++) {
    confusion[gold[i]!]![predicted[i]!]!++
    if (gold[i] === predicted[i]) correct++
  }
  const perClass = labels.map((label, k) => {
    const tp = confusion[k]![k]!
    let fp = 0
    let support = 0
    for (let j = 0; j < K; j++) {
      if (j !== k) fp += confusion[j]![k]!
      support += confusion[k]![j]!
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0
    const recall = support > 0 ? tp / support : 0
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
    return { label, precision, recall, f1, support }
  })
  const macroF1 = perClass.reduce((s, c) => s + c.f1, 0) / K
  return { n: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1, perClass, confusion }
}

function pad(s: string, width: number): string {
  // CJK characters take two columns in a terminal.
  let w = 0
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1
  return s + ' '.repeat(Math.max(0, width - w))
}

/** The evaluation as a plain-text table. */
export function formatEvaluation(e: Evaluation): string {
  const f = (x: number) => x.toFixed(4)
  const lines = [
    `cases     ${e.n}`,
    `accuracy  ${f(e.accuracy)}`,
    `macro-F1  ${f(e.macroF1)}`,
    '',
    `${pad('class', 16)} precision  recall     F1         support`,
  ]
  for (const c of e.perClass) {
    lines.push(`${pad(c.label, 16)} ${f(c.precision)}     ${f(c.recall)}     ${f(c.f1)}     ${c.support}`)
  }
  return lines.join('\n')
}
