/**
 * Feature hashing (the "hashing trick"): a feature is a 32-bit hash of its
 * kind and text, folded into a fixed number of buckets. No vocabulary is
 * stored, so the model stays a flat weight table and unknown words cost
 * nothing at inference.
 */

export const FNV_PRIME = 0x01000193

/** Seeds that keep the feature kinds apart: the word 物业 and the character bigram 物业 hash differently. */
export const KIND_SEED = {
  word: 0x9e3779b1,
  wordBigram: 0x85ebca77,
  char: 0xc2b2ae3d,
} as const

/** Mixes the bits of a 32-bit hash (the finalizer of MurmurHash3). */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** FNV-1a over the UTF-16 code units of a string, started from `seed` (unmixed; fmix32 before bucketing). */
export function hashString(s: string, seed: number): number {
  let h = seed | 0
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h
}

/** Hash of an ordered pair of hashes (word bigrams). */
export function hashPair(a: number, b: number, seed: number): number {
  let h = Math.imul(seed ^ a, FNV_PRIME)
  h = Math.imul(h ^ (b >>> 16), FNV_PRIME)
  return Math.imul(h ^ (b & 0xffff), FNV_PRIME)
}
