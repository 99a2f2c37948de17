import type { CaseFacts } from '../tracking/case-facts.ts'
import type { CaseTracker } from '../tracking/tracker.ts'
import { recordLive } from './live.ts'

/** What the duty board shows of a case; no personal data (facts carry none). */
export function boardFieldsOf(f: CaseFacts) {
  return {
    caseId: f.caseId,
    channel: f.channel,
    receivedAt: f.receivedAt.toISOString(),
    status: f.status,
    urgency: f.urgency,
    topic: f.topic,
    subtopics: f.subtopics,
    district: f.district,
    department: f.department,
    overdue: f.overdue,
  }
}

const shown = (f: CaseFacts | null) => (f === null ? '' : JSON.stringify(boardFieldsOf(f)))

/**
 * 值班看板: a `case.updated` live message whenever what the board shows of a
 * case changes (received, classified, dispatched, closed, overdue), in the
 * transaction of the change. The message names the department, so its own
 * users see their cases move too.
 */
export function streamCaseChanges(tracker: CaseTracker): void {
  tracker.onChange(async (tx, { before, after }) => {
    if (shown(before) === shown(after)) return
    await recordLive(tx, 'case.updated', boardFieldsOf(after))
  })
}
