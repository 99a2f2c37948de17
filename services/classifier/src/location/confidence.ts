import type { Strength } from './types.ts'

/**
 * Confidence of a gazetteer place (地名库), by how the text names it. These
 * are judgement calls, not measured rates: the dev-set spot check in
 * test/location-dev-set-coverage-and-spot-check.test.ts is what they rest
 * on. The rules of patterns.yaml carry their own.
 */
export const GAZETTEER_CONFIDENCE: Record<Strength, number> = {
  /** 南岗区, 花园街道 */
  name: 0.95,
  /** 南岗, 蓟县 */
  alias: 0.9,
  /** 道里, 花园街: counted only with the city or district named too */
  weak: 0.8,
}

/** Taken off a street whose district the text does not name (新华街道 is in many cities). */
export const UNCONFIRMED_STREET_PENALTY = 0.1

/** A street name of several districts, none of them named. */
export const AMBIGUOUS_STREET_CONFIDENCE = 0.55
