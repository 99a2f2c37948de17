/**
 * Normalising clock pauses (补正 etc.): validated, clipped to the start,
 * sorted and merged so that they do not overlap. An open pause (to = null)
 * absorbs every later pause.
 */
import { instantMs } from './civil-date.ts'
import type { Pause, PauseEffect } from './deadline-types.ts'
import { CalendarError } from './errors.ts'

export interface NormalPause {
  from: number
  /** null: still paused */
  to: number | null
  effect: PauseEffect
}

export function normalizePauses(startMs: number, pauses: readonly Pause[] = []): NormalPause[] {
  const list: NormalPause[] = []
  pauses.forEach((p, i) => {
    const from = instantMs(p.from, `pauses[${i}].from`)
    const to = p.to === null || p.to === undefined ? null : instantMs(p.to, `pauses[${i}].to`)
    const effect = p.effect ?? 'suspend'
    if (effect !== 'suspend' && effect !== 'restart') {
      throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `pauses[${i}].effect must be 'suspend' or 'restart'`)
    }
    if (to !== null && to < from) {
      throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `pauses[${i}] ends before it begins`)
    }
    if (to !== null && (to <= startMs || to === from)) return // before the start, or empty
    list.push({ from: Math.max(from, startMs), to, effect })
  })
  list.sort((a, b) => a.from - b.from)
  const merged: NormalPause[] = []
  for (const p of list) {
    const last = merged[merged.length - 1]
    if (last && (last.to === null || p.from <= last.to)) {
      last.to = last.to === null || p.to === null ? null : Math.max(last.to, p.to)
      if (p.effect === 'restart') last.effect = 'restart'
    } else {
      merged.push({ ...p })
    }
  }
  return merged
}

/** Total paused milliseconds inside [a, b); an open pause runs to b. */
export function pausedMsWithin(pauses: readonly NormalPause[], a: number, b: number): number {
  let total = 0
  for (const p of pauses) {
    const from = Math.max(p.from, a)
    const to = Math.min(p.to ?? b, b)
    if (to > from) total += to - from
  }
  return total
}
