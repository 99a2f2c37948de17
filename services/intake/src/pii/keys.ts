import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '@hotline-hub/platform'
import { PiiVault } from './vault.ts'

/**
 * The keys of personal data. In distributed mode they must come from config
 * (PII_ENCRYPTION_KEY, PII_HASH_KEY). An embedded first start generates them
 * into DATA_DIR/intake-keys.json (mode 0600) and uses them on every start
 * after: the data in DATA_DIR stays readable and nothing is shipped as a default.
 */
export function loadVault(config: { PII_ENCRYPTION_KEY?: string; PII_HASH_KEY?: string; DATABASE_URL?: string; DATA_DIR: string }): PiiVault {
  if (config.PII_ENCRYPTION_KEY && config.PII_HASH_KEY) return new PiiVault(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY)
  if (config.DATABASE_URL) {
    const missing = ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'].filter((k) => !config[k as keyof typeof config])
    throw new ConfigError('intake', missing.map((variable) => ({ variable, message: 'required with DATABASE_URL (32 random bytes, base64)' })))
  }
  const file = path.join(config.DATA_DIR, 'intake-keys.json')
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true })
    writeFileSync(file, JSON.stringify({ encryptionKey: PiiVault.generateKey(), hashKey: PiiVault.generateKey() }), { mode: 0o600 })
    chmodSync(file, 0o600)
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { encryptionKey: string; hashKey: string }
  return new PiiVault(keys.encryptionKey, keys.hashKey)
}
