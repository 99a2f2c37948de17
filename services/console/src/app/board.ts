import { OPEN_STATUSES } from './labels.ts'

/** A row of the duty board (值班看板). */
export interface BoardCase {
  caseId: string
  channel: string
  receivedAt: string
  status: string
  urgency: string | null
  topic: string | null
  subtopics: string[]
  district: string | null
  department: string | null
  summary: string | null
  overdue: boolean
  /** When the board last heard of it (ms), for the highlight of fresh rows. */
  seenAt: number
}

const RANK: Record<string, number> = { 紧急: 0, 加急: 1, 一般: 2 }
const rank = (u: string | null) => (u === null ? 3 : (RANK[u] ?? 3))

/** Urgent first, then overdue, then the newest. */
export function compareBoard(a: BoardCase, b: BoardCase): number {
  return rank(a.urgency) - rank(b.urgency) || Number(b.overdue) - Number(a.overdue) || b.receivedAt.localeCompare(a.receivedAt) || a.caseId.localeCompare(b.caseId)
}

/**
 * The board's cases: open ones only, urgent first. `upsert` merges what a
 * live message says of a case into what the board knew (a field a message
 * does not carry keeps its value), and drops the case once it is closed.
 */
export class Board {
  private readonly cases = new Map<string, BoardCase>()

  constructor(private readonly limit = 500) {}

  upsert(c: Partial<BoardCase> & { caseId: string }, now = Date.now()): BoardCase | null {
    const was = this.cases.get(c.caseId)
    const next: BoardCase = {
      channel: '', receivedAt: new Date(now).toISOString(), status: 'received', urgency: null, topic: null, subtopics: [], district: null, department: null, summary: null, overdue: false,
      ...was,
      ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)),
      seenAt: now,
    } as BoardCase
    if (!(OPEN_STATUSES as readonly string[]).includes(next.status)) {
      this.cases.delete(c.caseId)
      return null
    }
    this.cases.set(c.caseId, next)
    if (this.cases.size > this.limit) {
      const last = this.rows().pop()
      if (last) this.cases.delete(last.caseId)
    }
    return next
  }

  get(caseId: string): BoardCase | undefined {
    return this.cases.get(caseId)
  }

  rows(): BoardCase[] {
    return [...this.cases.values()].sort(compareBoard)
  }

  get size(): number {
    return this.cases.size
  }
}
