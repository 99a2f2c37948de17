import { randomUUID } from 'node:crypto'
import type { Sql } from '@hotline-hub/db'
import { dayStartInstant, isoDay, parseDay, type DayRange, type PeriodKind } from '../period.ts'
import { computeStats } from '../stats-compute.ts'
import type { StatsVocabulary } from '../stats-config.ts'
import { statsTable } from '../export-table.ts'
import { toCsv } from '../export-csv.ts'
import { findReportOfPeriod, insertReport, replaceReport, type StoredReport } from './report-store.ts'
import { reportText, reportTitle, type ReportKind } from './report-text.ts'

export const PERIOD_OF: Record<ReportKind, PeriodKind> = { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' }

/** A report of the whole city for a period, by channel (lines of work), built now from the rollups. */
export async function buildReport(db: Sql, vocabulary: StatsVocabulary, kind: ReportKind, range: DayRange, generatedBy: string, now: Date = new Date()): Promise<StoredReport> {
  const stats = await computeStats(db, vocabulary, { range, by: 'channel', filters: {} })
  const complete = now >= dayStartInstant(range.to + 1)
  const title = reportTitle(kind, stats.from)
  return {
    id: randomUUID(),
    kind,
    periodStart: isoDay(range.from),
    periodEnd: isoDay(range.to),
    generatedAt: now,
    generatedBy,
    body: { kind, title, complete, stats },
    text: reportText({ title, stats, generatedAt: now, complete, vocabulary }),
    csv: toCsv(statsTable(stats, '渠道/条线'), { bom: false }),
  }
}

/**
 * The report of a kind and period, made if it does not exist yet, or if the
 * one stored was a snapshot taken before the period ended (always, with
 * `regenerate`). Safe to run on every replica at once: the unique key of
 * kind and period lets one insert win, and a replacement is conditional on
 * what it replaces.
 */
export async function ensureReport(
  db: Sql,
  vocabulary: StatsVocabulary,
  kind: ReportKind,
  range: DayRange,
  o: { by: string; regenerate?: boolean; now?: Date },
): Promise<{ report: StoredReport; created: boolean }> {
  const now = o.now ?? new Date()
  const end = dayStartInstant(range.to + 1)
  const existing = await findReportOfPeriod(db, kind, isoDay(range.from), isoDay(range.to))
  if (existing && !o.regenerate && (existing.generatedAt >= end || now < end)) return { report: existing, created: false }
  const fresh = await buildReport(db, vocabulary, kind, range, o.by, now)
  if (!existing) {
    if (await insertReport(db, fresh)) return { report: fresh, created: true }
  } else if (await replaceReport(db, existing.id, fresh, o.regenerate ? null : end)) {
    return { report: { ...fresh, id: existing.id }, created: false }
  }
  // Another replica stored it first.
  const stored = await findReportOfPeriod(db, kind, fresh.periodStart, fresh.periodEnd)
  return { report: stored ?? fresh, created: false }
}

export const rangeOfReport = (r: Pick<StoredReport, 'periodStart' | 'periodEnd'>): DayRange => ({ from: parseDay(r.periodStart)!, to: parseDay(r.periodEnd)! })
