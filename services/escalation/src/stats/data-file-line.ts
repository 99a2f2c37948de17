import { readFileSync } from 'node:fs'
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Node } from 'yaml'
import { DataFileError } from '@hotline-hub/platform'

/** The text of a data file, or a DataFileError naming it when it cannot be read. */
export function readDataText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new DataFileError(file, 0, 0, `cannot read the file: ${(err as Error).message}`)
  }
}

/**
 * A DataFileError for a rule the schema cannot express (weights that do not
 * add up, a duplicate code), at the line of the value `path` points to.
 */
export function semanticError(text: string, file: string, path: readonly (string | number)[], reason: string): DataFileError {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  // A mapping's key (`weights:`) rather than its value, which may begin on the next line.
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
  const last = path[path.length - 1]
  const pair = isMap(parent) ? parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === last) : undefined
  const value = doc.getIn(path, true)
  const node = (pair && isNode(pair.key) ? pair.key : isNode(value) ? value : undefined) as Node | undefined
  const at = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 }
  return new DataFileError(file, at.line, at.col, reason, `/${path.join('/')}`)
}
