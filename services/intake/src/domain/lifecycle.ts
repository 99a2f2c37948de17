import type { CaseStatus, Role } from '@hotline-hub/contracts'

/**
 * The closed loop (闭环) as data: which command moves a case from which
 * states to which state, and which roles may give it. DOMAIN.md, Case
 * lifecycle; 国办发〔2020〕53号 and 国办函〔2025〕66号 (退单/改派, 并单).
 */
export interface Transition {
  /** 中文 name of the command, for history and messages. */
  zh: string
  from: readonly CaseStatus[]
  /** Target state; `null` keeps the state (督办 is recorded, not a move). */
  to: CaseStatus | null
  roles: readonly Role[]
  /** Fields the command must carry. */
  requires?: readonly ('department' | 'reason' | 'reply' | 'satisfaction' | 'primaryId')[]
}

const OPEN_STATES = ['received', 'dispatched', 'accepted', 'returned', 'replied', 'reopened'] as const

export const TRANSITIONS = {
  /** 直接办结: a consultation answered on the call. */
  resolve_on_call: { zh: '直接办结', from: ['received'], to: 'resolved_on_call', roles: ['operator', 'admin'], requires: ['reply'] },
  /** 转办/派单, and 改派 after a return or a reopen. */
  dispatch: { zh: '转办', from: ['received', 'returned', 'reopened'], to: 'dispatched', roles: ['operator', 'duty_officer', 'admin'], requires: ['department'] },
  /** 签收 by the department. */
  accept: { zh: '签收', from: ['dispatched'], to: 'accepted', roles: ['department', 'admin'] },
  /** 退单: the department disputes the assignment. */
  return: { zh: '退单', from: ['dispatched', 'accepted'], to: 'returned', roles: ['department', 'admin'], requires: ['reason'] },
  /** 答复 */
  reply: { zh: '答复', from: ['accepted'], to: 'replied', roles: ['department', 'admin'], requires: ['reply'] },
  /** 办结 */
  close: { zh: '办结', from: ['replied'], to: 'closed', roles: ['department', 'operator', 'duty_officer', 'admin'] },
  /** 回访, with a satisfaction rating. */
  follow_up: { zh: '回访', from: ['closed'], to: 'followed_up', roles: ['operator', 'admin'], requires: ['satisfaction'] },
  /** 重办 after an unsatisfied follow-up (or a closing found wanting). */
  reopen: { zh: '重办', from: ['closed', 'followed_up'], to: 'reopened', roles: ['operator', 'duty_officer', 'leader', 'admin'], requires: ['reason'] },
  /** 督办: a supervision notice; the case keeps its state. */
  urge: { zh: '督办', from: ['dispatched', 'accepted', 'returned', 'replied', 'reopened'], to: null, roles: ['duty_officer', 'leader', 'admin'], requires: ['reason'] },
  /** 并单: a duplicate folded into a primary case. */
  merge: { zh: '并单', from: OPEN_STATES, to: 'merged', roles: ['operator', 'duty_officer', 'admin'], requires: ['primaryId'] },
} as const satisfies Record<string, Transition>

export type Command = keyof typeof TRANSITIONS
export const COMMANDS = Object.keys(TRANSITIONS) as Command[]

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; why: 'illegal_transition' | 'forbidden_role' }

/** Checks a command against the case's state and the actor's role. */
export function checkTransition(command: Command, from: CaseStatus, role: Role): TransitionCheck {
  const t: Transition = TRANSITIONS[command]
  if (!t.roles.includes(role)) return { ok: false, why: 'forbidden_role' }
  if (!t.from.includes(from)) return { ok: false, why: 'illegal_transition' }
  return { ok: true, to: t.to ?? from }
}

/** States a case can leave only by 重办, or never. */
export const TERMINAL_STATES: readonly CaseStatus[] = ['resolved_on_call', 'merged']
