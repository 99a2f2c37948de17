/** One Server-Sent Event. */
export interface SseEvent {
  id: string | null
  event: string
  data: string
}

/**
 * The text/event-stream format (WHATWG HTML §9.2) read chunk by chunk: the
 * console reads /api/v1/stream with fetch, because EventSource cannot send
 * the Authorization header. Comment lines (heartbeats) are dropped; `retry:`
 * is kept for the reconnect delay.
 */
export class SseParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  private id: string | null = null
  /** The id of the last complete event, for Last-Event-ID on reconnect. */
  lastEventId: string | null = null
  retryMs: number | null = null

  push(chunk: string): SseEvent[] {
    this.buffer += chunk
    const out: SseEvent[] = []
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/)
      if (nl < 0) break
      const width = this.buffer.startsWith('\r\n', nl) ? 2 : 1
      // A lone \r at the end of a chunk may be the first half of \r\n.
      if (this.buffer[nl] === '\r' && width === 1 && nl === this.buffer.length - 1) break
      const line = this.buffer.slice(0, nl)
      this.buffer = this.buffer.slice(nl + width)
      const e = this.line(line)
      if (e) out.push(e)
    }
    return out
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = ''
        return null
      }
      const e: SseEvent = { id: this.id, event: this.event || 'message', data: this.data.join('\n') }
      if (this.id !== null) this.lastEventId = this.id
      this.data = []
      this.event = ''
      return e
    }
    if (line.startsWith(':')) return null
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') this.data.push(value)
    else if (field === 'event') this.event = value
    else if (field === 'id' && !value.includes('\0')) this.id = value
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value)
    return null
  }
}
