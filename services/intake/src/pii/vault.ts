import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

/** Binds text ciphertexts to their use: one cannot be passed off as personal data, or the reverse. */
const TEXT_AAD = Buffer.from('hotline-hub:text:v1')

/** Raw personal data of a case, as it is encrypted at rest. */
export interface RawPersonalData {
  name?: string
  phone?: string
  idNumber?: string
  address?: string
}

/**
 * Encrypts raw personal data with AES-256-GCM and hashes phone numbers with
 * HMAC-SHA256 (重复来电识别 without storing the number). Keys come from
 * config; the key id travels with each ciphertext so keys can be rotated.
 */
export class PiiVault {
  readonly keyId: string
  private readonly key: Buffer
  private readonly hashKey: Buffer

  constructor(encryptionKeyBase64: string, hashKeyBase64: string) {
    this.key = Buffer.from(encryptionKeyBase64, 'base64')
    this.hashKey = Buffer.from(hashKeyBase64, 'base64')
    if (this.key.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be 32 bytes, base64-encoded')
    if (this.hashKey.length < 32) throw new Error('PII_HASH_KEY must be at least 32 bytes, base64-encoded')
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 12)
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(data: RawPersonalData): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  decrypt(token: string): RawPersonalData {
    const [v, iv, tag, body] = token.split('.')
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    return JSON.parse(text) as RawPersonalData
  }

  /**
   * Encrypts any short secret text with the same key (`t1.<iv>.<tag>.<ciphertext>`),
   * for values that must be read back in clear, such as webhook signing secrets.
   * Store `keyId` beside it, as with personal data.
   */
  encryptText(text: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(TEXT_AAD)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return ['t1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  decryptText(token: string): string {
    const [v, iv, tag, body] = token.split('.')
    if (v !== 't1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(TEXT_AAD)
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** Keyed hash of a normalized phone number (digits only). */
  phoneHash(normalizedPhone: string): string {
    return createHmac('sha256', this.hashKey).update(normalizedPhone).digest('hex')
  }

  static generateKey(bytes = 32): string {
    return randomBytes(bytes).toString('base64')
  }
}
