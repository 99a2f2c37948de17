import type { Db } from '@hotline-hub/db'
import { errors } from '../errors.ts'
import type { PiiVault, RawPersonalData } from '../pii/vault.ts'
import type { Actor } from './actor.ts'
import { toHistory, toView, type CaseEventRow, type CaseRow } from './case-row.ts'

export interface CaseFilter {
  channel?: string
  status?: string
  department?: string
  topic?: string
  urgency?: string
  district?: string
  /** received at or after (ISO) */
  from?: string
  /** received before (ISO) */
  to?: string
  /** full text over title and content */
  q?: string
  limit?: number
  /** opaque cursor from the previous page */
  cursor?: string
}

const MAX_PAGE = 200

/** Reading cases: what each role may see, de-identified; raw personal data only through an audited read. */
export class CaseQueries {
  constructor(private readonly d: { db: Db; vault: PiiVault }) {}

  async get(id: string, actor: Actor) {
    const [row] = await this.d.db.query<CaseRow>('SELECT * FROM intake.cases WHERE id = $1', [id])
    if (!row || !visible(row, actor)) throw errors.create('CASE_NOT_FOUND', { pointer: '/id', detail: `case ${id} not found` })
    const events = await this.d.db.query<CaseEventRow>('SELECT * FROM intake.case_events WHERE case_id = $1 ORDER BY id', [id])
    return { ...toView(row), history: events.map(toHistory) }
  }

  /** Newest first, cursor-paginated on the case sequence. */
  async list(f: CaseFilter, actor: Actor) {
    const where: string[] = []
    const params: unknown[] = []
    const add = (sql: string, v: unknown) => {
      params.push(v)
      where.push(sql.replace('?', `$${params.length}`))
    }
    for (const [col, v] of [['channel', f.channel], ['status', f.status], ['department', f.department], ['topic', f.topic], ['urgency', f.urgency], ['district', f.district]] as const)
      if (v) add(`${col} = ?`, v)
    if (f.from) add('received_at >= ?', f.from)
    if (f.to) add('received_at < ?', f.to)
    if (f.q) {
      params.push(escapeLike(f.q))
      const p = `$${params.length}`
      where.push(`(content ILIKE '%' || ${p} || '%' OR coalesce(title, '') ILIKE '%' || ${p} || '%')`)
    }
    if (actor.role === 'department') add('department = ?', actor.department ?? '\u0000')
    if (actor.role === 'integrator') add('channel = ANY(string_to_array(?, \',\'))', (actor.channels ?? []).join(','))
    if (f.cursor) add('seq < ?', decodeCursor(f.cursor))
    const limit = Math.min(Math.max(f.limit ?? 50, 1), MAX_PAGE)
    params.push(limit + 1)
    const rows = await this.d.db.query<CaseRow>(
      `SELECT * FROM intake.cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    )
    const page = rows.slice(0, limit)
    const next = rows.length > limit ? Buffer.from(String(page[page.length - 1]!.seq)).toString('base64url') : null
    return { items: page.map(toView), nextCursor: next }
  }

  /**
   * 查重提示: the same caller's open cases (by the keyed phone hash) and
   * recent cases in the same district and street whose text is alike.
   */
  async hints(h: { phoneHash?: string | null; district?: string; street?: string; content?: string }, actor: Actor) {
    const sameCaller = h.phoneHash
      ? await this.d.db.query<CaseRow>(
          `SELECT * FROM intake.cases WHERE caller_phone_hash = $1 AND status NOT IN ('closed','followed_up','resolved_on_call','merged')
            ORDER BY seq DESC LIMIT 20`,
          [h.phoneHash],
        )
      : []
    let similar: { case: ReturnType<typeof toView>; similarity: number }[] = []
    if (h.district && h.content) {
      const recent = await this.d.db.query<CaseRow>(
        `SELECT * FROM intake.cases WHERE district = $1 AND ($2::text IS NULL OR street = $2) AND received_at > now() - interval '7 days'
           AND status <> 'merged' ORDER BY seq DESC LIMIT 500`,
        [h.district, h.street ?? null],
      )
      const mine = bigrams(h.content)
      similar = recent
        .map((r) => ({ case: toView(r), similarity: jaccard(mine, bigrams(r.content)) }))
        .filter((x) => x.similarity >= 0.25)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 10)
    }
    return {
      sameCaller: sameCaller.filter((r) => visible(r, actor)).map(toView),
      similar: similar.filter((s) => actor.role !== 'integrator' || actor.channels?.includes(s.case.channel)),
    }
  }

  /** The raw personal data of a case, for a role that needs it; every read is audited. */
  async rawCaller(id: string, actor: Actor, reason: string | undefined): Promise<RawPersonalData> {
    return this.d.db.transaction(async (tx) => {
      const [row] = await tx.query<{ pii_ciphertext: string | null }>('SELECT pii_ciphertext FROM intake.cases WHERE id = $1', [id])
      if (!row) throw errors.create('CASE_NOT_FOUND', { pointer: '/id', detail: `case ${id} not found` })
      const raw = row.pii_ciphertext ? this.d.vault.decrypt(row.pii_ciphertext) : {}
      const fields = Object.keys(raw).filter((k) => raw[k as keyof RawPersonalData] !== undefined)
      await tx.query(
        `INSERT INTO intake.audit_log (actor_id, actor_role, action, case_id, fields, reason) VALUES ($1,$2,'read_raw_caller',$3,$4::jsonb,$5)`,
        [actor.id, actor.role, id, JSON.stringify(fields), reason ?? null],
      )
      return raw
    })
  }
}

function visible(row: CaseRow, actor: Actor): boolean {
  if (actor.role === 'department') return row.department === actor.department
  if (actor.role === 'integrator') return actor.channels?.includes(row.channel) ?? false
  return true
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function decodeCursor(c: string): string {
  const v = Buffer.from(c, 'base64url').toString('utf8')
  if (!/^\d+$/.test(v)) throw errors.create('VALIDATION', { pointer: '/query/cursor', detail: 'bad cursor' })
  return v
}

function bigrams(s: string): Set<string> {
  const t = s.replace(/[\s\p{P}]/gu, '')
  const out = new Set<string>()
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2))
  return out
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0
  let inter = 0
  for (const x of a) if (b.has(x)) inter++
  return inter / (a.size + b.size - inter)
}
