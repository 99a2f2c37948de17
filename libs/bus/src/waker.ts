/**
 * A sleep that another party can cut short: polling loops wait on it,
 * publishers and stop() wake them. A wake that comes while nobody sleeps is
 * kept for the next pause, so it is never lost.
 */
export class Waker {
  private current: (() => void) | null = null
  private pending = false

  /** Waits ms, or less if wake() is called meanwhile (or was called since the last pause). */
  pause(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        if (this.current === done) this.current = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.current = done
    })
  }

  wake(): void {
    if (this.current) this.current()
    else this.pending = true
  }
}
