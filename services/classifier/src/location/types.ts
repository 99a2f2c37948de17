/** The location tag of a text (地点: 区县 and 街道/乡镇), as Gazetteer.locate returns it. */
export interface LocationResult {
  /** 区县, canonical (南岗区; A3区 for the anonymised names of the TipDM data). */
  district?: string
  /** 街道 / 镇 / 乡, canonical (花园街道). */
  street?: string
  /** 市, canonical (哈尔滨市). */
  city?: string
  /** 0 when nothing was found; else the confidence of the least certain part given. */
  confidence: number
  /** The words that fired and the sources (`地名库 harbin`, `规则 tipdm-district`), then any caveat. */
  because: string[]
}

export type Level = 'city' | 'district' | 'street'
/** How a word names its place: its name, an alias, or a weak alias (needs its city or district named too). */
export type Strength = 'name' | 'alias' | 'weak'

export interface CityPlace {
  /** File id (harbin). */
  id: string
  name: string
}

export interface DistrictPlace {
  city: CityPlace
  name: string
}

export interface StreetPlace {
  district: DistrictPlace
  name: string
}

export type Sense =
  | { level: 'city'; place: CityPlace; strength: Strength }
  | { level: 'district'; place: DistrictPlace; strength: Strength }
  | { level: 'street'; place: StreetPlace; strength: Strength }

/** Where a fallback name started (see the rule's `after`). */
export type StartKind = 'place' | 'cue' | 'boundary'

/** A place found in the text. */
export interface Mention {
  start: number
  end: number
  level: Level
  /** The words as they are in the (normalized) text. */
  surface: string
  /** A gazetteer word: every place it may name. */
  senses?: Sense[]
  /** A rule's match: its canonical name, the city it implies, its id and confidence. */
  canonical?: string
  impliedCity?: string
  ruleId?: string
  fallback?: boolean
  confidence?: number
  /** A fallback match: where it started; `after` is the mention it followed when that is `place`. */
  startKind?: StartKind
  after?: Mention
}
