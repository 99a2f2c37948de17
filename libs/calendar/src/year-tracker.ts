import type { YearsTouched } from './deadline-types.ts'

/** Collects the calendar years a computation consults. */
export class YearTracker {
  readonly #years = new Set<number>()
  readonly #provisional = new Set<number>()

  touch(year: number, official: boolean): void {
    this.#years.add(year)
    if (!official) this.#provisional.add(year)
  }

  result(): YearsTouched {
    const provisionalYears = [...this.#provisional].sort((a, b) => a - b)
    return {
      years: [...this.#years].sort((a, b) => a - b),
      provisionalYears,
      provisional: provisionalYears.length > 0,
    }
  }
}

/** Answers "is this civil day (day number, China time) a working day?". */
export interface DayClassifier {
  isWorkingDayNumber(day: number, tracker?: YearTracker): boolean
}
