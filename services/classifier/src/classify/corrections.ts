import { randomUUID } from 'node:crypto'
import type { CaseClassified, CorrectableTag } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'

/** A person's correction of one tag (值班员改判). */
export interface Correction {
  caseId: string | null
  tag: CorrectableTag
  value: string
  reason?: string | undefined
  by: string
  role: string
}

export interface CorrectionRow {
  id: string
  case_id: string | null
  tag: CorrectableTag
  from_value: string | null
  to_value: string
  text: string
  model_version: string | null
  corrected_by: string
  corrected_role: string
  reason: string | null
  created_at: Date
}

/** The value a classification gives a tag (a subtopic: the strongest one). */
export function tagValue(c: CaseClassified, tag: CorrectableTag): string | null {
  switch (tag) {
    case 'topic':
      return c.topic.value
    case 'urgency':
      return c.urgency.value
    case 'appealType':
      return c.appealType.value
    case 'subtopic':
      return c.subtopics[0]?.value ?? null
  }
}

/** Stores a correction; `text` is the de-identified text it applies to. */
export async function recordCorrection(
  tx: Sql,
  c: Correction,
  text: string,
  current: CaseClassified | null,
): Promise<CorrectionRow> {
  const [row] = await tx.query<CorrectionRow>(
    `INSERT INTO classifier.corrections (id, case_id, tag, from_value, to_value, text, model_version, corrected_by, corrected_role, reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
    [randomUUID(), c.caseId, c.tag, current ? tagValue(current, c.tag) : null, c.value, text, current?.modelVersion ?? null, c.by, c.role, c.reason ?? null],
  )
  return row!
}

/**
 * A classification with people's corrections applied, oldest first (the
 * latest word on a tag wins). The corrected tags say who and why, with
 * confidence 1, and `override` names them.
 */
export function applyCorrections(c: CaseClassified, rows: readonly CorrectionRow[]): CaseClassified {
  if (rows.length === 0) return c
  const out: CaseClassified = structuredClone(c)
  const tags = new Set<CorrectableTag>(c.override?.tags ?? [])
  for (const r of rows) {
    const because = [`人工改判 (${r.corrected_role})`, ...(r.reason ? [r.reason.slice(0, 200)] : []), ...(r.from_value ? [`原为 ${r.from_value}`] : [])]
    const tag = { value: r.to_value, confidence: 1, because }
    if (r.tag === 'topic') out.topic = tag
    else if (r.tag === 'urgency') out.urgency = tag as CaseClassified['urgency']
    else if (r.tag === 'appealType') out.appealType = tag as CaseClassified['appealType']
    else out.subtopics = [tag, ...out.subtopics.filter((s) => s.value !== r.to_value)].slice(0, 20)
    tags.add(r.tag)
  }
  const last = rows[rows.length - 1]!
  out.override = { by: last.corrected_by, role: last.corrected_role, at: new Date(last.created_at).toISOString(), tags: [...tags] }
  return out
}

/** The corrections of a case, oldest first. */
export function correctionsOf(tx: Sql, caseId: string): Promise<CorrectionRow[]> {
  return tx.query<CorrectionRow>('SELECT * FROM classifier.corrections WHERE case_id = $1 ORDER BY created_at, id', [caseId])
}

/**
 * Topic corrections as training feedback (`{"text", "label"}` lines that
 * `train --feedback` reads): for each text the latest correction.
 */
export async function topicFeedback(tx: Sql, since?: Date): Promise<{ text: string; label: string; caseId: string | null; correctedAt: string }[]> {
  const rows = await tx.query<{ text: string; to_value: string; case_id: string | null; created_at: Date }>(
    `SELECT DISTINCT ON (text) text, to_value, case_id, created_at FROM classifier.corrections
      WHERE tag = 'topic' AND ($1::timestamptz IS NULL OR created_at >= $1)
      ORDER BY text, created_at DESC, id DESC`,
    [since ?? null],
  )
  return rows.map((r) => ({ text: r.text, label: r.to_value, caseId: r.case_id, correctedAt: new Date(r.created_at).toISOString() }))
}
