import { fastifySSE } from '@fastify/sse'
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Db } from '@hotline-hub/db'
import { principalOf, type Principal } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { readLive, type LiveMessage } from './live.ts'
import type { LiveFeed } from './live-feed.ts'

const PAGE = 500
/** A connection that falls this far behind is closed; the console reconnects with Last-Event-ID and resumes. */
const MAX_BACKLOG = 5000
const SEQ = /^[0-9]{1,19}$/

const StreamQuery = Type.Object(
  { lastEventId: Type.Optional(Type.String({ maxLength: 19, description: 'Resume after this message id (for clients that cannot set the Last-Event-ID header).' })) },
  { additionalProperties: false },
)

/** Who sees a message: duty officers, leaders and admins everything; a department its own. */
const visibleTo = (p: Principal) => (m: LiveMessage) => (p.role === 'department' ? m.department !== null && m.department === p.department : true)

/** The SSE frame of a message: `id: <seq>`, `event: <kind>`, data `{ seq, kind, at, payload }`. */
const frame = (m: LiveMessage) => ({ id: m.seq, event: m.kind, data: { seq: m.seq, kind: m.kind, at: m.createdAt.toISOString(), payload: m.payload } })

/**
 * GET /api/v1/stream — 实时推送: the console's live stream (Server-Sent
 * Events) of alerts and everything else written with recordLive. A reconnect
 * with `Last-Event-ID` gets every message it missed, from the table, then
 * the live ones; heartbeats are comment lines.
 */
export async function streamRoutes(app: FastifyInstance, o: { db: Db; feed: LiveFeed; heartbeatMs: number }): Promise<void> {
  await app.register(fastifySSE, { heartbeatInterval: o.heartbeatMs })
  const open = new Set<() => void>()
  // Streams never end on their own: end them when the server closes, or it would wait for them.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close()
  })

  app.get<{ Querystring: Static<typeof StreamQuery> }>(
    '/api/v1/stream',
    { sse: 'only', exposeHeadRoute: false, config: { roles: ['duty_officer', 'leader', 'admin', 'department'] }, schema: { querystring: StreamQuery } },
    async (request, reply) => {
      const visible = visibleTo(principalOf(request, errors))
      const header = request.headers['last-event-id']
      const raw = typeof header === 'string' && header.trim() !== '' ? header.trim() : request.query.lastEventId
      if (raw !== undefined && !SEQ.test(raw)) {
        throw errors.create('LAST_EVENT_ID_INVALID', { pointer: '/lastEventId', detail: `Last-Event-ID must be a message id of this stream, got ${JSON.stringify(raw.slice(0, 40))}` })
      }
      const resumeAfter = raw === undefined ? null : BigInt(raw)

      const sse = reply.sse
      let last = 0n
      let catchingUp = true
      let backlog = 0
      const held: LiveMessage[] = []
      let writing: Promise<void> = Promise.resolve()
      const close = () => sse.close()
      const push = (m: LiveMessage) => {
        if (BigInt(m.seq) <= last || !visible(m)) return
        last = BigInt(m.seq)
        if (++backlog > MAX_BACKLOG) return close()
        writing = writing
          .then(() => (sse.isConnected ? sse.send(frame(m)) : undefined))
          .then(
            () => void backlog--,
            () => close(),
          )
      }
      const listener = (messages: readonly LiveMessage[]) => {
        if (catchingUp) held.push(...messages)
        else for (const m of messages) push(m)
      }

      const from = await o.feed.subscribe(listener)
      sse.keepAlive()
      sse.onClose(() => {
        o.feed.unsubscribe(listener)
        open.delete(close)
      })
      open.add(close)
      // Commits the response as SSE; tells the client how long to wait before reconnecting.
      await sse.send({ event: 'ready', data: { after: String(resumeAfter ?? from) }, retry: 3000 })

      // Missed messages (resumeAfter, from] come from the table; later ones from the feed.
      last = resumeAfter ?? from
      try {
        let cursor = last
        while (resumeAfter !== null && cursor < from && sse.isConnected) {
          const page = await readLive(o.db, cursor, PAGE)
          const upTo = page.filter((m) => BigInt(m.seq) <= from)
          for (const m of upTo) push(m)
          await writing
          if (page.length < PAGE || upTo.length < page.length) break
          cursor = BigInt(page[page.length - 1]!.seq)
        }
      } catch (err) {
        // The response is already a stream: end it; the client reconnects from the last id it got.
        request.log.warn({ err }, 'live stream catch-up failed; closing the connection')
        return close()
      }
      if (last < from) last = from
      catchingUp = false
      for (const m of held.splice(0)) push(m)
    },
  )
}
