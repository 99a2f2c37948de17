import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>

/** `scrypt$<salt>$<hash>` (base64url), N=16384. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scrypt(password, salt, 32)
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const want = Buffer.from(hash, 'base64url')
  const got = await scrypt(password, Buffer.from(salt, 'base64url'), want.length)
  return timingSafeEqual(want, got)
}

/** Tokens and API keys are stored as their SHA-256: a leaked table grants nothing. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** A random secret, URL-safe. */
export const randomSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url')
