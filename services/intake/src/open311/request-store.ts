import { randomBytes } from 'node:crypto'
import type { Db } from '@hotline-hub/db'
import { CATALOGUE_TOPICS } from './catalogue.ts'
import { CLOSED_STATUSES, type PublicCaseRow } from './request-view.ts'

/** Most requests one GET /requests answers (the spec's suggested cap). */
export const MAX_REQUESTS = 1000

/**
 * The public columns only (no caller, no ciphertext), with the latest note
 * of the case's history: the reason (退单, 重办, 督办 …) or the reply (答复)
 * of the latest event that has one. Both were masked when they were stored.
 */
const SELECT = `
  SELECT c.id, c.status, c.topic, c.content, c.department, c.received_at, c.updated_at,
         c.address_masked, c.lat, c.lon, c.extra,
         (SELECT coalesce(e.reason, e.details->>'reply') FROM intake.case_events e
           WHERE e.case_id = c.id AND coalesce(e.reason, e.details->>'reply') IS NOT NULL
           ORDER BY e.id DESC LIMIT 1) AS latest_note
    FROM intake.cases c`

export interface RequestFilter {
  ids?: string[]
  /** Topics to include; `other` adds the cases whose topic is outside the catalogue. */
  topics?: string[]
  other?: boolean
  status?: 'open' | 'closed'
  from?: Date
  to?: Date
}

/** Reads and tokens of the Open311 endpoint, straight on intake's own tables. */
export class Open311Store {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<PublicCaseRow | undefined> {
    const [row] = await this.db.query<PublicCaseRow>(`${SELECT} WHERE c.id = $1`, [id])
    return row
  }

  /** Newest first, at most MAX_REQUESTS. */
  async list(f: RequestFilter): Promise<PublicCaseRow[]> {
    const where: string[] = []
    const params: unknown[] = []
    const p = (v: unknown) => {
      params.push(v)
      return `$${params.length}`
    }
    if (f.ids) where.push(`c.id = ANY(string_to_array(${p(f.ids.join(','))}, ','))`)
    if (f.topics || f.other) {
      const any: string[] = []
      if (f.topics?.length) any.push(`c.topic = ANY(string_to_array(${p(f.topics.join(','))}, ','))`)
      if (f.other) any.push(`(c.topic IS NULL OR NOT (c.topic = ANY(string_to_array(${p(CATALOGUE_TOPICS.join(','))}, ','))))`)
      where.push(`(${any.join(' OR ')})`)
    }
    if (f.status) {
      const closed = `c.status = ANY(string_to_array(${p(CLOSED_STATUSES.join(','))}, ','))`
      where.push(f.status === 'closed' ? closed : `NOT ${closed}`)
    }
    if (f.from) where.push(`c.received_at >= ${p(f.from)}`)
    if (f.to) where.push(`c.received_at <= ${p(f.to)}`)
    return this.db.query<PublicCaseRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_at DESC, c.seq DESC LIMIT ${p(MAX_REQUESTS)}`,
      params,
    )
  }

  /** The case's token, created on first use (one per case, so a replayed POST answers the same token). */
  async tokenFor(caseId: string, apiKeyId: string): Promise<string> {
    const token = randomBytes(16).toString('base64url')
    await this.db.query(
      `INSERT INTO intake.open311_tokens (token, case_id, api_key_id) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`,
      [token, caseId, apiKeyId],
    )
    const [row] = await this.db.query<{ token: string }>('SELECT token FROM intake.open311_tokens WHERE case_id = $1', [caseId])
    return row!.token
  }

  async caseOfToken(token: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ case_id: string }>('SELECT case_id FROM intake.open311_tokens WHERE token = $1', [token])
    return row?.case_id
  }
}
