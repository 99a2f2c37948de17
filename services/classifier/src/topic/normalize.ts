import * as OpenCC from 'opencc-js/t2cn'

/**
 * Traditional-Chinese variants that opencc-js converts from; the `p` ones
 * also map regional vocabulary (軟體 → 软件), which would also turn a
 * mainland 文件 into 文档, so the default is `tw` (characters and variants).
 */
export type TraditionalLocale = 'tw' | 'twp' | 'hk' | 'hkp'

export interface NormalizeOptions {
  /** Longer texts are cut to this many UTF-16 units before anything else. */
  maxChars: number
  traditionalLocale: TraditionalLocale
}

interface Converter {
  convert: (s: string) => string
  /** 1 for a character that some dictionary of the chain converts on its own. */
  trigger: Uint8Array
}

const converters = new Map<TraditionalLocale, Converter>()

function converterFor(locale: TraditionalLocale): Converter {
  const cached = converters.get(locale)
  if (cached) return cached
  const convert: (s: string) => string = OpenCC.Converter({ from: locale, to: 'cn' })
  // A character triggers conversion when a dictionary changes it on its own
  // and the last stage (→ simplified) never outputs it: 麼 does, 么 (what 麼
  // becomes) does not.
  const trigger = new Uint8Array(65536)
  const produced = new Uint8Array(65536)
  const stages = [OpenCC.Locale.from[locale] ?? [], OpenCC.Locale.to.cn ?? []]
  stages.forEach((stage, n) => {
    for (const group of stage) {
      for (const dict of group) {
        const pairs = typeof dict === 'string' ? dict.split('|').map((p) => p.split(' ')) : dict
        for (const [from, to] of pairs) {
          if (from && from.length === 1 && from !== to) trigger[from.charCodeAt(0)] = 1
          if (to && n === stages.length - 1) for (let i = 0; i < to.length; i++) produced[to.charCodeAt(i)] = 1
        }
      }
    }
  })
  for (let c = 0; c < 65536; c++) if (produced[c]) trigger[c] = 0
  const c = { convert, trigger }
  converters.set(locale, c)
  return c
}

/**
 * Traditional → simplified (繁→简, OpenCC tables). Text without a single
 * traditional character is returned as is (the common case, and the fast
 * one); text with one is converted whole, phrases included.
 */
export function toSimplified(s: string, locale: TraditionalLocale): string {
  const { convert, trigger } = converterFor(locale)
  for (let i = 0; i < s.length; i++) if (trigger[s.charCodeAt(i)] === 1) return convert(s)
  return s
}

/**
 * Text as the features see it: cut to maxChars, NFKC (full-width letters and
 * digits become ASCII), traditional → simplified, lower case, runs of
 * whitespace collapsed to one space (or one line break: the first line can be
 * the subject).
 */
export function normalizeText(raw: unknown, options: NormalizeOptions): string {
  if (typeof raw !== 'string' || raw.length === 0) return ''
  let s = raw.length > options.maxChars ? raw.slice(0, options.maxChars) : raw
  // A cut through a surrogate pair leaves a lone high surrogate; drop it.
  const last = s.charCodeAt(s.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1)
  s = toSimplified(s.normalize('NFKC'), options.traditionalLocale)
  return s
    .toLowerCase()
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim()
}
