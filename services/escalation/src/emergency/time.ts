/** China time (UTC+08:00) text of an instant: `2026-03-02 09:00`. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** 迟报 minutes: how late `at` is after `due`, rounded up (a report 10 s late is 1 min late); 0 when on time. */
export function lateMinutes(due: Date, at: Date): number {
  const ms = at.getTime() - due.getTime()
  return ms > 0 ? Math.ceil(ms / 60_000) : 0
}

/** Minutes left until `due` (countdown), 0 once it has passed. */
export function remainingMinutes(due: Date, now: Date): number {
  const ms = due.getTime() - now.getTime()
  return ms > 0 ? Math.floor(ms / 60_000) : 0
}
