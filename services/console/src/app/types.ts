/** The shapes of the API answers the console reads (a subset of each). */
export interface Tag {
  value: string
  confidence?: number
  because: string[]
}

export interface Classification {
  modelVersion: string
  topic: Tag | null
  subtopics: Tag[]
  appealType: Tag | null
  urgency: Tag | null
  sentiment: { negativity: number; flags: string[]; because: string[] }
  location: { district?: string; street?: string; because: string[] }
  topicRanking?: { label: string; p: number }[]
}

export interface CaseView {
  id: string
  channel: string
  receivedAt: string
  content: string
  caller: { name?: string; phone?: string }
  location: { district?: string; street?: string; address?: string }
  appealType?: string
  urgency?: string
  topic?: string
  status: string
  department: string | null
  mergedInto: string | null
  history?: { at: string; command?: string; status?: string; by?: string; reason?: string; reply?: string }[]
}

export interface Rate {
  percent: number | null
  display: string
  numerator: number
  sample: number
}

export interface StatsRow {
  key?: string
  name?: string
  received: number
  dispatched: number
  closed: number
  closedOnTime: number
  overdue: number
  rates: { closure: Rate; onTime: Rate; response: Rate; resolution: Rate; satisfaction: Rate }
}

export interface Stats {
  from: string
  to: string
  by: string | null
  total: StatsRow
  slices: StatsRow[]
}

export interface Deadline {
  kind: string
  label: string
  due: string
  state: string
  remainingMinutes: number
  lateMinutes: number
}

export interface Report {
  id: string
  incidentId: string
  seq: number
  stage: string
  label: string
  status: string
  grade: string
  gradeName: string
  content: Record<string, string>
  /** The form's 要素 in order, as escalation names them. */
  fields: { name: string; label: string }[]
  missing: string[]
  deadlines: Deadline[]
  reviews: { action: string; actor: string; role: string; comment: string | null; at: string }[]
  delivery: { status: string; attempts: number; deliveredAt: string | null } | null
}

export interface IncidentSummary {
  id: string
  title: string
  triggerName: string
  status: string
  receivedAt: string
  caseCount: number
  reports: { id: string; seq: number; grade: string; stage: string; status: string; label: string }[]
}

export interface Incident extends IncidentSummary {
  reports: Report[]
  cases?: { caseId: string }[]
}
