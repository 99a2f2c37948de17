/** A sleep that wake() cuts short; a wake while nobody sleeps is kept for the next pause. */
export class Pause {
  private current: (() => void) | null = null
  private pending = false

  /** Resolves true when woken, false when the time ran out. */
  wait(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), ms)
      const finish = (woken: boolean) => {
        clearTimeout(timer)
        if (this.current === wake) this.current = null
        resolve(woken)
      }
      const wake = () => finish(true)
      this.current = wake
    })
  }

  wake(): void {
    if (this.current) this.current()
    else this.pending = true
  }
}
