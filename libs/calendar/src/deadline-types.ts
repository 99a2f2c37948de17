/** Types shared by the deadline computations (时限计算). */

/** Office hours on working days, China time, e.g. { start: '09:00', end: '17:30' }. */
export interface OfficeHours {
  start: string
  end: string
}

/** Where a working-day deadline falls on its last day. */
export type DueAt = 'end-of-day' | 'same-time'

/**
 * What a clock pause does (补正 / 征求第三方意见):
 * - 'suspend': paused time does not count; what was used before the pause is kept.
 * - 'restart': the period starts again in full when the pause ends
 *   (政府信息公开条例 第三十条: 答复期限自行政机关收到补正的申请之日起计算).
 */
export type PauseEffect = 'suspend' | 'restart'

/** A clock pause, e.g. waiting for the caller's correction (补正). `to: null` = still paused. */
export interface Pause {
  from: Date
  to: Date | null
  /** default 'suspend' */
  effect?: PauseEffect
}

/** n working days (工作日), counted from the working day after receipt. */
export interface WorkingDaysSpec {
  kind: 'working-days'
  start: Date
  days: number
  /** default 'end-of-day' */
  dueAt?: DueAt
}

/** Clock hours, 24x7 by default, or only office hours on working days. */
export interface WorkingHoursSpec {
  kind: 'working-hours'
  start: Date
  hours: number
  /** default '24x7' */
  workingHours?: OfficeHours | '24x7'
}

/** A plain duration in milliseconds. */
export interface ClockSpec {
  kind: 'clock'
  start: Date
  ms: number
}

export type DeadlineSpec = WorkingDaysSpec | WorkingHoursSpec | ClockSpec

/** Which calendar years a computation consulted, and which had no data. */
export interface YearsTouched {
  /** years whose working days were consulted, ascending */
  years: number[]
  /** of those, the years with no data at compute time (Monday–Friday fallback) */
  provisionalYears: number[]
  /** true when provisionalYears is not empty: recompute when those years load */
  provisional: boolean
}

/**
 * A computed deadline. It keeps its spec and pauses so that it can be
 * recomputed (calendar.recompute) once a provisional year gets its data.
 */
export interface DeadlineResult extends YearsTouched {
  spec: DeadlineSpec
  pauses: Pause[]
  /** 'paused': an open pause (to = null) began before the deadline; no due date yet */
  state: 'running' | 'paused'
  due: Date | null
  /** start of the open pause when state is 'paused' */
  pausedSince: Date | null
  /**
   * Allowance used so far: working days for 'working-days' (equals `days` when
   * running), milliseconds otherwise.
   */
  used: number
}

/** A deadline with a due date (no open pause). */
export interface Deadline extends DeadlineResult {
  state: 'running'
  due: Date
  pausedSince: null
}

/** A count of working days, with the years it consulted. */
export interface WorkingDayCount extends YearsTouched {
  days: number
}
