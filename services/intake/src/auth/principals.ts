import { randomUUID } from 'node:crypto'
import { CHANNELS, ROLES, type Channel, type Role } from '@hotline-hub/contracts'
import type { Db } from '@hotline-hub/db'
import type { Actor } from '../domain/actor.ts'
import { hashPassword, randomSecret, sha256, verifyPassword } from './passwords.ts'

export interface NewUser {
  username: string
  password: string
  role: Role
  department?: string
  displayName?: string
}

/** Users, sessions and integrators' API keys. */
export class Principals {
  constructor(private readonly db: Db, private readonly sessionTtlMs: number) {}

  async createUser(u: NewUser): Promise<{ id: string }> {
    if (!ROLES.includes(u.role)) throw new Error(`unknown role ${u.role}`)
    const id = randomUUID()
    await this.db.query(
      `INSERT INTO intake.users (id, username, password_hash, role, department, display_name) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, u.username, await hashPassword(u.password), u.role, u.department ?? null, u.displayName ?? null],
    )
    return { id }
  }

  async countUsers(): Promise<number> {
    const [r] = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM intake.users')
    return Number(r!.n)
  }

  /** Returns a session token, or null for a wrong username or password. */
  async login(username: string, password: string): Promise<{ token: string; expiresAt: Date; actor: Actor } | null> {
    const [u] = await this.db.query<{ id: string; password_hash: string; role: Role; department: string | null; disabled: boolean }>(
      'SELECT id, password_hash, role, department, disabled FROM intake.users WHERE username = $1',
      [username],
    )
    if (!u || u.disabled || !(await verifyPassword(password, u.password_hash))) return null
    const token = `hs_${randomSecret(32)}`
    const expiresAt = new Date(Date.now() + this.sessionTtlMs)
    await this.db.query('INSERT INTO intake.sessions (token_hash, user_id, expires_at) VALUES ($1,$2,$3)', [sha256(token), u.id, expiresAt])
    return { token, expiresAt, actor: userActor(u) }
  }

  async logout(token: string): Promise<void> {
    await this.db.query('DELETE FROM intake.sessions WHERE token_hash = $1', [sha256(token)])
  }

  /** The actor behind a bearer token or API key; null when unknown, expired or revoked. */
  async authenticate(credential: string): Promise<{ actor: Actor; ratePerMin?: number; keyId?: string } | null> {
    if (credential.startsWith('hs_')) {
      const [u] = await this.db.query<{ id: string; role: Role; department: string | null; disabled: boolean }>(
        `SELECT u.id, u.role, u.department, u.disabled FROM intake.sessions s JOIN intake.users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [sha256(credential)],
      )
      return u && !u.disabled ? { actor: userActor(u) } : null
    }
    if (credential.startsWith('hk_')) {
      const [k] = await this.db.query<{ id: string; channels: Channel[]; rate_per_min: number }>(
        `SELECT id, channels, rate_per_min FROM intake.api_keys
          WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [sha256(credential)],
      )
      return k ? { actor: { id: `key:${k.id}`, role: 'integrator', channels: k.channels }, ratePerMin: k.rate_per_min, keyId: k.id } : null
    }
    return null
  }

  /** Creates an integrator key; the secret is shown once and stored hashed. */
  async createApiKey(name: string, channels: Channel[], ratePerMin: number): Promise<{ id: string; key: string }> {
    for (const c of channels) if (!CHANNELS.includes(c)) throw new Error(`unknown channel ${c}`)
    const id = randomUUID()
    const key = `hk_${randomSecret(32)}`
    await this.db.query(`INSERT INTO intake.api_keys (id, name, key_hash, channels, rate_per_min) VALUES ($1,$2,$3,$4::jsonb,$5)`, [
      id, name, sha256(key), JSON.stringify(channels), ratePerMin,
    ])
    return { id, key }
  }

  /**
   * Rotates a key: a new secret with the same scope; the old one keeps
   * working for `graceMs` so integrators can switch without downtime.
   */
  async rotateApiKey(id: string, graceMs: number): Promise<{ id: string; key: string } | null> {
    return this.db.transaction(async (tx) => {
      const [old] = await tx.query<{ name: string; channels: Channel[]; rate_per_min: number }>(
        'SELECT name, channels, rate_per_min FROM intake.api_keys WHERE id = $1 AND revoked_at IS NULL FOR UPDATE',
        [id],
      )
      if (!old) return null
      const newId = randomUUID()
      const key = `hk_${randomSecret(32)}`
      await tx.query(`INSERT INTO intake.api_keys (id, name, key_hash, channels, rate_per_min) VALUES ($1,$2,$3,$4::jsonb,$5)`, [
        newId, old.name, sha256(key), JSON.stringify(old.channels), old.rate_per_min,
      ])
      await tx.query(`UPDATE intake.api_keys SET expires_at = $2, replaced_by = $3 WHERE id = $1`, [id, new Date(Date.now() + graceMs), newId])
      return { id: newId, key }
    })
  }

  async revokeApiKey(id: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE intake.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id])
    return rows.length > 0
  }
}

function userActor(u: { id: string; role: Role; department: string | null }): Actor {
  return { id: `user:${u.id}`, role: u.role, ...(u.department ? { department: u.department } : {}) }
}
