import { DataFileError } from '@hotline-hub/platform'
import { toSimplified } from '../topic/normalize.ts'
import { AhoCorasick } from './aho-corasick.ts'
import { compileRule, type CompiledRule } from './rules.ts'
import { positionOf } from './line-of.ts'
import type { GazetteerFiles, LoadedFile } from './load-files.ts'
import type { CityFile } from './schema.ts'
import type { CityPlace, DistrictPlace, Sense, Strength } from './types.ts'

/** A word of the single pass: the places it names, and its other roles. */
export interface Keyword {
  word: string
  senses: Sense[]
  /** A false friend (小区): never a place, and voids any anchor inside it. */
  blocker: boolean
  /** A fallback name may start right after it (在, 位于). */
  cue: boolean
  /** The rules whose matches end with this word. */
  rules: CompiledRule[]
}

export interface GazetteerIndex {
  ac: AhoCorasick
  keywords: Keyword[]
  forbiddenChars: Set<string>
  notNames: Set<string>
  aliasBreakers: string[]
  /** 1 for the first code unit of an alias breaker: a quick test before startsWith. */
  breakerStart: Uint8Array
  /** Names and aliases, sorted. */
  placeWords: string[]
  /** The same without the words that are only weak aliases. */
  strongWords: string[]
  cities: CityPlace[]
}

/**
 * The forms under which a word is looked for: as normalizeText leaves it
 * (NFKC, lower case) and, when different, converted to simplified the way a
 * text with other traditional characters would be (乾 → 干).
 */
function keyForms(word: string): string[] {
  const plain = word.normalize('NFKC').toLowerCase()
  const simplified = toSimplified(plain, 'tw')
  return simplified === plain ? [plain] : [plain, simplified]
}

interface Entry {
  sense: Sense
  word: string
  /** The how-many-th time `word` appears in the file: where to point. */
  occurrence: number
}

function describe(s: Sense): string {
  if (s.level === 'city') return `the city ${s.place.name}`
  if (s.level === 'district') return `the district ${s.place.name}`
  return `the street ${s.place.name} of ${s.place.district.name}`
}

export function buildIndex(files: GazetteerFiles): GazetteerIndex {
  const byWord = new Map<string, Keyword>()
  const keyword = (word: string): Keyword => {
    let k = byWord.get(word)
    if (!k) byWord.set(word, (k = { word, senses: [], blocker: false, cue: false, rules: [] }))
    return k
  }
  const index: Omit<GazetteerIndex, 'ac' | 'keywords' | 'placeWords' | 'strongWords'> = { forbiddenChars: new Set(), notNames: new Set(), aliasBreakers: [], breakerStart: new Uint8Array(65536), cities: [] }
  const notPlaces = new Set<string>()

  const p = files.patterns
  if (p) {
    const ids = new Set<string>()
    p.data.rules.forEach((r, i) => {
      if (ids.has(r.id)) {
        const at = positionOf(p.text, r.id, 2)
        throw new DataFileError(p.path, at.line, at.column, `rule id "${r.id}" is used twice`, `/rules/${i}/id`)
      }
      ids.add(r.id)
      const rule = compileRule(r, i, p.path, p.text)
      for (const a of rule.anchors) for (const k of keyForms(a)) keyword(k).rules.push(rule)
    })
    for (const w of p.data.notPlaces) {
      for (const k of keyForms(w)) {
        keyword(k).blocker = true
        notPlaces.add(k)
      }
    }
    for (const w of p.data.cues) for (const k of keyForms(w)) keyword(k).cue = true
    for (const c of p.data.forbiddenChars) index.forbiddenChars.add(c)
    for (const w of p.data.notNames) for (const k of keyForms(w)) index.notNames.add(k)
    index.aliasBreakers = p.data.aliasBreakers.flatMap(keyForms)
    for (const b of index.aliasBreakers) index.breakerStart[b.charCodeAt(0)] = 1
  }

  const placeWords = new Set<string>()
  for (const file of files.cities) {
    const city = addCity(file, notPlaces, keyword)
    index.cities.push(city.place)
    for (const w of city.words) placeWords.add(w)
  }
  const words = [...byWord.keys()]
  const keywords = words.map((w) => byWord.get(w)!)
  const strongWords = keywords.filter((k) => k.senses.some((s) => s.strength !== 'weak')).map((k) => k.word)
  return { ...index, ac: new AhoCorasick(words), keywords, placeWords: [...placeWords].sort(), strongWords: strongWords.sort() }
}

/** Adds one city file's places, refusing names that would be ambiguous within the city. */
function addCity(file: LoadedFile<CityFile>, notPlaces: Set<string>, keyword: (w: string) => Keyword): { place: CityPlace; words: string[] } {
  const { path, text, data } = file
  const seen = new Map<string, Entry[]>()
  const occurrences = new Map<string, number>()
  const words: string[] = []

  const add = (word: string, sense: Sense, pointer: string) => {
    const occurrence = (occurrences.get(word) ?? 0) + 1
    occurrences.set(word, occurrence)
    const refuse: (reason: string) => never = (reason) => {
      const at = positionOf(text, word, occurrence)
      throw new DataFileError(path, at.line, at.column, reason, pointer)
    }
    for (const key of keyForms(word)) {
      if (notPlaces.has(key)) refuse(`"${word}" is listed as not a place (notPlaces of patterns.yaml)`)
      const entries = seen.get(key) ?? []
      for (const e of entries) {
        const where = `${describe(e.sense)} (line ${positionOf(text, e.word, e.occurrence).line})`
        if (e.sense.place === sense.place) refuse(`"${word}" is listed twice for ${describe(sense)}`)
        if (e.sense.level !== 'street' || sense.level !== 'street') refuse(`"${word}" would name both ${where} and ${describe(sense)}`)
        else if (e.sense.place.district === sense.place.district) refuse(`"${word}" would name two streets of ${sense.place.district.name}: ${where} and ${sense.place.name}`)
      }
      entries.push({ sense, word, occurrence })
      seen.set(key, entries)
      keyword(key).senses.push(sense)
      words.push(key)
    }
  }
  const addAll = (name: string, aliases: string[] | undefined, weak: string[] | undefined, make: (s: Strength) => Sense, pointer: string) => {
    add(name, make('name'), pointer)
    for (const a of aliases ?? []) add(a, make('alias'), `${pointer}/aliases`)
    for (const a of weak ?? []) add(a, make('weak'), `${pointer}/weakAliases`)
  }

  const c = data.city
  const city: CityPlace = { id: c.id, name: c.name }
  addAll(c.name, c.aliases, c.weakAliases, (strength) => ({ level: 'city', place: city, strength }), '/city')
  data.districts.forEach((d, i) => {
    const district: DistrictPlace = { city, name: d.name }
    addAll(d.name, d.aliases, d.weakAliases, (strength) => ({ level: 'district', place: district, strength }), `/districts/${i}`)
    d.streets.forEach((s, j) => {
      const item = typeof s === 'string' ? { name: s } : s
      const street = { district, name: item.name }
      addAll(item.name, item.aliases, item.weakAliases, (strength) => ({ level: 'street', place: street, strength }), `/districts/${i}/streets/${j}`)
    })
  })
  return { place: city, words }
}
