import type { CaseClassified, CaseLifecycle, CaseReceived } from '@hotline-hub/contracts'

/** A clock pause (补正: waiting for the caller), as stored with the case. */
export interface StoredPause {
  from: string
  to: string | null
  reason?: string
}

/**
 * 案件跟踪: what escalation knows of a case. Built only from events; the
 * deadlines are computed from it by the SLA policy.
 */
export interface CaseFacts {
  caseId: string
  channel: string
  receivedAt: Date
  status: string
  department: string | null
  topic: string | null
  subtopics: string[]
  district: string | null
  street: string | null
  urgency: string | null
  appealType: string | null
  negativity: number | null
  sentimentFlags: string[]
  /** First 转办 (a 监督员 case: 立案). */
  dispatchedAt: Date | null
  /** First 签收: the department's first contact (响应). */
  acceptedAt: Date | null
  repliedAt: Date | null
  /** Latest 办结; cleared by 重办. */
  closedAt: Date | null
  followedUpAt: Date | null
  satisfaction: string | null
  solved: boolean | null
  slaRule: string | null
  responseDueAt: Date | null
  resolutionDueAt: Date | null
  deadlineProvisional: boolean
  pauses: StoredPause[]
  /** 超期: closed after its deadline, or still open past it (set by the SLA clock). */
  overdue: boolean
}

/** A new case from case.received.v1. */
export function receivedFacts(data: CaseReceived): CaseFacts {
  const c = data.case
  return {
    caseId: c.id,
    channel: c.channel,
    receivedAt: new Date(c.receivedAt),
    status: c.status,
    department: null,
    topic: c.topic ?? null,
    subtopics: [],
    district: c.location.district ?? null,
    street: c.location.street ?? null,
    urgency: c.urgency ?? null,
    appealType: c.appealType ?? null,
    negativity: null,
    sentimentFlags: [],
    dispatchedAt: null,
    acceptedAt: null,
    repliedAt: null,
    closedAt: null,
    followedUpAt: null,
    satisfaction: null,
    solved: null,
    slaRule: null,
    responseDueAt: null,
    resolutionDueAt: null,
    deadlineProvisional: false,
    pauses: [],
    overdue: false,
  }
}

/**
 * A lifecycle transition applied to the facts. Times are the transition's
 * own (`at`), so that a replayed history gives the same facts.
 */
export function applyLifecycle(f: CaseFacts, e: CaseLifecycle): CaseFacts {
  const at = new Date(e.at)
  const next: CaseFacts = { ...f, status: e.to }
  switch (e.action) {
    case 'dispatch':
      next.department = e.department ?? f.department
      next.dispatchedAt = f.dispatchedAt ?? at
      break
    case 'accept':
      next.acceptedAt = f.acceptedAt ?? at
      break
    case 'reply':
      next.repliedAt = at
      break
    case 'close':
      next.closedAt = at
      next.overdue = f.overdue || (f.resolutionDueAt !== null && at > f.resolutionDueAt)
      break
    case 'follow_up': {
      next.followedUpAt = at
      const d = e.details ?? {}
      if (typeof d.satisfaction === 'string') next.satisfaction = d.satisfaction
      if (typeof d.solved === 'boolean') next.solved = d.solved
      break
    }
    case 'reopen':
      // 重办: the case is open again, so no longer 办结 until it is closed again.
      next.closedAt = null
      next.followedUpAt = null
      next.satisfaction = null
      next.solved = null
      break
  }
  return next
}

/**
 * The classifier's tags. A tag the channel or the operator gave on the case
 * stays, unless a person corrected it (改判, `override`).
 */
export function applyClassification(f: CaseFacts, c: CaseClassified): CaseFacts {
  const by = new Set(c.override?.tags ?? [])
  const keep = (mine: string | null, tag: 'topic' | 'urgency' | 'appealType', theirs: string) => (by.has(tag) ? theirs : (mine ?? theirs))
  return {
    ...f,
    topic: keep(f.topic, 'topic', c.topic.value),
    urgency: keep(f.urgency, 'urgency', c.urgency.value),
    appealType: keep(f.appealType, 'appealType', c.appealType.value),
    subtopics: c.subtopics.map((s) => s.value),
    district: f.district ?? c.location.district ?? null,
    street: f.street ?? c.location.street ?? null,
    negativity: c.sentiment.negativity,
    sentimentFlags: c.sentiment.flags,
  }
}

/** Open: not (yet) 办结, 直接办结 or 并单. */
export const isOpen = (f: CaseFacts): boolean => !['closed', 'followed_up', 'resolved_on_call', 'merged'].includes(f.status)
