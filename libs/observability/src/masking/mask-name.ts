/**
 * Masking of a person's name (姓名去标识化).
 *
 * Rule: the first character is kept and every other letter becomes `*`, one
 * `*` per character, so the length shows but not the given name:
 * `张三` → `张*`, `张三丰` → `张**` (DOMAIN.md's `张**`), `欧阳娜娜` → `欧***`
 * (a compound surname keeps only its first character), `张先生` → `张**`.
 * A one-character name is fully masked (`*`). Separators are kept:
 * `买买提·艾力` → `买**·**`, `John Smith` → `J*** *****`.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  if (chars.length === 1) return '*'
  return chars[0] + chars.slice(1).map((c) => (SEPARATOR.test(c) ? c : '*')).join('')
}

/** Space, middle dots (`·` `・` `•` `．`), hyphen, apostrophe, full stop. */
const SEPARATOR = /^[\s·・•．.'’-]$/u
