/**
 * Where a word stands in a YAML file's text, for refusals that come after
 * the schema check (a duplicate, a pattern that does not compile): the
 * `occurrence`-th time the word appears as a whole scalar, comments left out.
 * Falls back to the last occurrence, then to line 1.
 */
export function positionOf(text: string, word: string, occurrence = 1): { line: number; column: number } {
  const lines = text.split('\n')
  let seen = 0
  let last: { line: number; column: number } | undefined
  for (let n = 0; n < lines.length; n++) {
    const line = stripComment(lines[n]!)
    for (const m of line.matchAll(/[^\s,[\]{}:'"]+/g)) {
      if (m[0] !== word) continue
      last = { line: n + 1, column: m.index + 1 }
      if (++seen === occurrence) return last
    }
  }
  return last ?? { line: 1, column: 1 }
}

/** The first line whose text contains `needle` (a pattern as written), or undefined. */
export function lineContaining(text: string, needle: string): { line: number; column: number } | undefined {
  const lines = text.split('\n')
  for (let n = 0; n < lines.length; n++) {
    const at = stripComment(lines[n]!).indexOf(needle)
    if (at >= 0) return { line: n + 1, column: at + 1 }
  }
  return undefined
}

/** A YAML comment starts with # at the start of a line or after a space; place names never contain #. */
function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line)
  return m ? line.slice(0, m.index) : line
}
