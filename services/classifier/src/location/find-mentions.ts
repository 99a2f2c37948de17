import type { GazetteerIndex, Keyword } from './build-index.ts'
import { matchExact, type CompiledRule } from './rules.ts'
import { findFallbacks } from './fallback.ts'
import type { CityPlace, DistrictPlace, Level, Mention, Sense } from './types.ts'

export interface Span {
  start: number
  end: number
}

export interface Anchor extends Span {
  rules: CompiledRule[]
}

interface PlaceHit extends Span {
  keyword: Keyword
}

/** What the single pass found. */
export interface Scan {
  places: PlaceHit[]
  blockers: Span[]
  /** In order of their end. */
  cues: Span[]
  anchors: Anchor[]
}

export function scan(index: GazetteerIndex, text: string): Scan {
  const s: Scan = { places: [], blockers: [], cues: [], anchors: [] }
  const found = index.ac.scan(text)
  const lengths = index.ac.lengths
  for (let i = 0; i < found.length; i += 2) {
    const id = found[i]!
    const end = found[i + 1]!
    const start = end - lengths[id]!
    const keyword = index.keywords[id]!
    if (keyword.senses.length > 0) s.places.push({ start, end, keyword })
    if (keyword.blocker) s.blockers.push({ start, end })
    if (keyword.cue) s.cues.push({ start, end })
    if (keyword.rules.length > 0) s.anchors.push({ start, end, rules: keyword.rules })
  }
  return s
}

function cityOf(s: Sense): CityPlace {
  return s.level === 'city' ? s.place : s.level === 'district' ? s.place.city : s.place.district.city
}

const RANK: Record<Level, number> = { city: 0, district: 1, street: 2 }

/**
 * The places of a normalized text, in text order: gazetteer words whose
 * senses survive the city context, exact rule matches, chosen leftmost-
 * longest against each other and the false friends, then the fallback
 * rules' names where nothing else was found.
 */
export function findMentions(index: GazetteerIndex, text: string): Mention[] {
  const found = scan(index, text)
  const exact: Mention[] = []
  let otherCityNamed = false
  for (const a of found.anchors) {
    for (const rule of a.rules) {
      if (rule.fallback) continue
      const m = matchExact(rule, text, a.end)
      if (!m) continue
      if (rule.level === 'city' || m.impliedCity !== undefined) otherCityNamed = true
      exact.push({ start: m.start, end: a.end, level: rule.level, surface: text.slice(m.start, a.end), canonical: m.canonical, impliedCity: m.impliedCity, ruleId: rule.id, confidence: rule.confidence })
    }
  }
  const places = keepSenses(index, text, found.places, otherCityNamed)
  const selected = leftmostLongest(places.length === 0 ? exact : exact.length === 0 ? places : [...places, ...exact], found.blockers)
  const fallbacks = findFallbacks(index, text, found, selected)
  return fallbacks.length === 0 ? selected : [...selected, ...fallbacks].sort(byStart)
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start
}

/** An alias (not a full name) of a city or district directly followed by 村, 路 … is part of a longer name. */
function broken(index: GazetteerIndex, text: string, h: PlaceHit, s: Sense): boolean {
  if (s.strength === 'name' || s.level === 'street' || index.breakerStart[text.charCodeAt(h.end)] !== 1) return false
  for (const b of index.aliasBreakers) if (text.startsWith(b, h.end)) return true
  return false
}

/**
 * Drops the senses the rest of the text rules out: places of another city
 * than the one named, weak aliases with nothing to confirm them, and aliases
 * that are the start of a longer name (南岗村, 长春路).
 */
function keepSenses(index: GazetteerIndex, text: string, hits: PlaceHit[], otherCityNamed: boolean): Mention[] {
  if (hits.length === 0) return []
  // What the strong names (names and aliases) say: the cities, then the districts, then the streets they allow.
  const namedCities = new Set<CityPlace>()
  for (const h of hits) for (const s of h.keyword.senses) if (s.level === 'city' && s.strength !== 'weak' && !broken(index, text, h, s)) namedCities.add(s.place)
  const cityNamed = namedCities.size > 0 || otherCityNamed
  const keptDistricts = new Set<DistrictPlace>()
  const districtCities = new Set<CityPlace>()
  for (const h of hits) {
    for (const s of h.keyword.senses) {
      if (s.level !== 'district' || s.strength === 'weak' || broken(index, text, h, s)) continue
      if (cityNamed && !namedCities.has(s.place.city)) continue
      keptDistricts.add(s.place)
      districtCities.add(s.place.city)
    }
  }
  const streetDistricts = new Set<DistrictPlace>()
  const streetCities = new Set<CityPlace>()
  for (const h of hits) {
    for (const s of h.keyword.senses) {
      if (s.level !== 'street' || s.strength === 'weak' || !streetAllowed(s, cityNamed, namedCities, districtCities)) continue
      streetDistricts.add(s.place.district)
      streetCities.add(s.place.district.city)
    }
  }

  const out: Mention[] = []
  for (const h of hits) {
    let senses: Sense[] | undefined
    let level: Level = 'city'
    for (const s of h.keyword.senses) {
      let keep: boolean
      if (broken(index, text, h, s)) keep = false
      else if (s.strength === 'weak') {
        const city = cityOf(s)
        if (s.level === 'city') keep = districtCities.has(city) || streetCities.has(city)
        else if (s.level === 'district') keep = namedCities.has(city) || districtCities.has(city) || streetDistricts.has(s.place)
        else keep = keptDistricts.has(s.place.district) || namedCities.has(city)
      } else if (s.level === 'city') keep = true
      else if (s.level === 'district') keep = keptDistricts.has(s.place)
      else keep = streetAllowed(s, cityNamed, namedCities, districtCities)
      if (!keep) continue
      ;(senses ??= []).push(s)
      if (RANK[s.level] > RANK[level]) level = s.level
    }
    if (senses) out.push({ start: h.start, end: h.end, level, surface: text.slice(h.start, h.end), senses })
  }
  return out
}

/** A street by its name or alias: anywhere when the text names no city or district, else in the cities named. */
function streetAllowed(s: Sense, cityNamed: boolean, namedCities: Set<CityPlace>, districtCities: Set<CityPlace>): boolean {
  if (!cityNamed && districtCities.size === 0) return true
  const city = cityOf(s)
  return namedCities.has(city) || districtCities.has(city)
}

interface Candidate extends Span {
  m?: Mention
}

function leftmostFirst(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end || (a.m ? -1 : 0) - (b.m ? -1 : 0)
}

/** Leftmost-longest: no two chosen spans overlap; a false friend that wins takes its span from every place. */
function leftmostLongest(mentions: Mention[], blockers: Span[]): Mention[] {
  if (mentions.length === 0) return mentions
  const all: Candidate[] = []
  for (const m of mentions) all.push({ start: m.start, end: m.end, m })
  for (const b of blockers) all.push(b)
  all.sort(leftmostFirst)
  const out: Mention[] = []
  let end = 0
  for (const x of all) {
    if (x.start < end) continue
    end = x.end
    if (x.m) out.push(x.m)
  }
  return out
}
