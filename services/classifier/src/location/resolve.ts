import { AMBIGUOUS_STREET_CONFIDENCE, GAZETTEER_CONFIDENCE, UNCONFIRMED_STREET_PENALTY } from './confidence.ts'
import type { CityPlace, DistrictPlace, LocationResult, Mention, Sense } from './types.ts'

type StreetSense = Extract<Sense, { level: 'street' }>
type DistrictSense = Extract<Sense, { level: 'district' }>

interface Part {
  name: string
  confidence: number
  /** The mention that named it, if the text did. */
  mention?: Mention
  /** The city it implies. */
  city?: string
}

/** `because`: the words that fired in text order, then the sources, then the caveats. */
class Because {
  private readonly words = new Map<Mention, string>()
  private readonly sources: string[] = []
  private readonly notes: string[] = []
  word(m: Mention | undefined): void {
    if (m) this.words.set(m, m.surface)
  }
  source(s: string): void {
    if (!this.sources.includes(s)) this.sources.push(s)
  }
  note(s: string): void {
    if (!this.notes.includes(s)) this.notes.push(s)
  }
  get list(): string[] {
    const words = [...this.words.entries()].sort((a, b) => a[0].start - b[0].start).map(([, w]) => w)
    return [...new Set(words), ...this.sources, ...this.notes]
  }
}

const gazetteerSource = (city: CityPlace) => `地名库 ${city.id}`
const ruleSource = (m: Mention) => `规则 ${m.ruleId}`
const streetSenses = (m: Mention) => (m.senses ?? []).filter((s): s is StreetSense => s.level === 'street')
const districtSenses = (m: Mention) => (m.senses ?? []).filter((s): s is DistrictSense => s.level === 'district')

/**
 * From the places of a text (in text order) to one location: a street
 * implies its district and city; a street of several districts takes the
 * one the text names, else gives no district; the first district named wins
 * unless a later street says more; fallback names count only where nothing
 * better was found.
 */
export function resolve(mentions: Mention[]): LocationResult {
  const because = new Because()
  const named = new Set<DistrictPlace>()
  for (const m of mentions) for (const s of districtSenses(m)) named.add(s.place)

  let street: Part | undefined
  let district: Part | undefined
  let city: Part | undefined

  // 1. A gazetteer street that resolves to one place; else remember the first ambiguous one.
  let ambiguous: { m: Mention; pool: StreetSense[] } | undefined
  for (const m of mentions) {
    const senses = streetSenses(m)
    if (senses.length === 0) continue
    const inNamed = senses.filter((s) => named.has(s.place.district))
    const pool = inNamed.length > 0 ? inNamed : senses
    if (pool.length > 1) {
      ambiguous ??= { m, pool }
      continue
    }
    const s = pool[0]!
    const d = s.place.district
    const confirmed = inNamed.length > 0
    const confidence = GAZETTEER_CONFIDENCE[s.strength] - (confirmed ? 0 : UNCONFIRMED_STREET_PENALTY)
    street = { name: s.place.name, confidence, mention: m }
    district = { name: d.name, confidence, mention: confirmed ? mentions.find((x) => districtSenses(x).some((ds) => ds.place === d)) : undefined }
    city = { name: d.city.name, confidence }
    because.word(m)
    because.word(district.mention)
    because.source(gazetteerSource(d.city))
    if (!confirmed) because.note(`${s.place.name} → ${d.name}`)
    break
  }

  const unresolved = street ? undefined : ambiguous
  if (unresolved) {
    const { m, pool } = unresolved
    const cities = [...new Set(pool.map((s) => s.place.district.city))]
    because.word(m)
    for (const c of cities) because.source(gazetteerSource(c))
    if (new Set(pool.map((s) => s.place.name)).size === 1) street = { name: pool[0]!.place.name, confidence: AMBIGUOUS_STREET_CONFIDENCE, mention: m }
    if (cities.length === 1) city = { name: cities[0]!.name, confidence: AMBIGUOUS_STREET_CONFIDENCE }
  }

  // 2. A fallback street where the gazetteer named none: it belongs to the district it follows.
  const fallbackStreet = street || unresolved ? undefined : mentions.find((m) => m.fallback && m.level === 'street')
  if (fallbackStreet) {
    const f = fallbackStreet
    if (f.after) district = firstDistrict([f.after], because)
    street = { name: f.canonical!, confidence: f.confidence!, mention: f }
    because.word(f)
    because.source(ruleSource(f))
  }

  // 3. Otherwise the district: the first one named (gazetteer or exact rule), else a fallback one.
  if (!district) {
    district = firstDistrict(mentions.filter((m) => !m.fallback), because) ?? firstDistrict(mentions.filter((m) => m.fallback), because)
    if (district && fallbackStreet) because.note(`${fallbackStreet.canonical} 未必在 ${district.name}`)
  }
  if (unresolved) {
    const where = `${unresolved.pool[0]!.place.name} 在 ${unresolved.pool.map((s) => s.place.district.name).join('、')} 都有`
    because.note(district ? `${where}，不在 ${district.name}` : `${where}，区未定`)
  }

  // 4. The city: the district's, else the first one named.
  if (!city && district?.city) city = { name: district.city, confidence: district.confidence }
  city ??= firstCity(mentions, because)

  const parts = [district, street].filter((p): p is Part => p !== undefined)
  const confidence = parts.length > 0 ? Math.min(...parts.map((p) => p.confidence)) : (city?.confidence ?? 0)
  const out: LocationResult = { confidence: Math.round(confidence * 100) / 100, because: because.list }
  if (district) out.district = district.name
  if (street) out.street = street.name
  if (city) out.city = city.name
  return out
}

/** The first mention that names one district; records it in `because`. */
function firstDistrict(mentions: Mention[], because: Because): Part | undefined {
  for (const m of mentions) {
    if (m.ruleId) {
      if (m.level !== 'district') continue
      because.word(m)
      because.source(ruleSource(m))
      if (m.impliedCity) because.note(`${m.canonical} → ${m.impliedCity}`)
      return { name: m.canonical!, confidence: m.confidence!, mention: m, city: m.impliedCity }
    }
    const senses = districtSenses(m)
    if (senses.length === 0) continue
    if (senses.length > 1) {
      because.note(`${senses[0]!.place.name} 在 ${senses.map((s) => s.place.city.name).join('、')} 都有，未定`)
      continue
    }
    const s = senses[0]!
    because.word(m)
    because.source(gazetteerSource(s.place.city))
    return { name: s.place.name, confidence: GAZETTEER_CONFIDENCE[s.strength], mention: m, city: s.place.city.name }
  }
  return undefined
}

/** The first mention that names one city; records it in `because`. */
function firstCity(mentions: Mention[], because: Because): Part | undefined {
  for (const m of mentions) {
    if (m.ruleId) {
      if (m.level !== 'city') continue
      because.word(m)
      because.source(ruleSource(m))
      return { name: m.canonical!, confidence: m.confidence!, mention: m }
    }
    const senses = (m.senses ?? []).filter((s) => s.level === 'city')
    if (senses.length !== 1) continue
    const s = senses[0]!
    because.word(m)
    because.source(gazetteerSource(s.place as CityPlace))
    return { name: s.place.name, confidence: GAZETTEER_CONFIDENCE[s.strength], mention: m }
  }
  return undefined
}
