import { loadSession } from './session.ts'
import { SseParser, type SseEvent } from './sse-parser.ts'

export interface LiveMessage {
  seq: string
  kind: string
  at: string
  payload: Record<string, unknown>
}

/**
 * 实时推送: reads GET /api/v1/stream with fetch (EventSource cannot send a
 * bearer token), and reconnects after a drop with Last-Event-ID, so nothing
 * is missed. `onState` tells the page whether it is live.
 */
export function openStream(onMessage: (m: LiveMessage) => void, onState: (live: boolean) => void): () => void {
  const parser = new SseParser()
  let stopped = false
  let controller: AbortController | null = null

  const handle = (e: SseEvent) => {
    if (e.event === 'ready') return onState(true)
    try {
      onMessage(JSON.parse(e.data) as LiveMessage)
    } catch {
      /* a malformed frame is skipped */
    }
  }

  const connect = async () => {
    while (!stopped) {
      const session = loadSession()
      if (!session) return onState(false)
      controller = new AbortController()
      try {
        const res = await fetch('/api/v1/stream', {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${session.token}`, ...(parser.lastEventId ? { 'last-event-id': parser.lastEventId } : {}) },
          signal: controller.signal,
        })
        if (res.status === 401 || res.status === 403) return onState(false)
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`)
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          for (const e of parser.push(value)) handle(e)
        }
      } catch {
        /* dropped: reconnect below */
      }
      onState(false)
      if (!stopped) await new Promise((r) => setTimeout(r, parser.retryMs ?? 3000))
    }
  }
  void connect()
  return () => {
    stopped = true
    controller?.abort()
  }
}
