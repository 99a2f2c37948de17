import t from 'tap'
import { SseParser } from '../src/app/sse-parser.ts'

t.test('events as the stream sends them, whatever the chunks', async (t) => {
  const wire = 'retry: 3000\nevent: ready\ndata: {"after":"0"}\n\n: heartbeat\n\nid: 7\nevent: case.updated\ndata: {"seq":"7",\ndata: "kind":"case.updated"}\n\nid: 8\r\nevent: sla.breach\r\ndata: x\r\n\r\n'
  const whole = new SseParser().push(wire)
  t.same(whole, [
    { id: null, event: 'ready', data: '{"after":"0"}' },
    { id: '7', event: 'case.updated', data: '{"seq":"7",\n"kind":"case.updated"}' },
    { id: '8', event: 'sla.breach', data: 'x' },
  ])
  // One character at a time, and split inside a \r\n pair.
  const p = new SseParser()
  const got = [...wire].flatMap((c) => p.push(c))
  t.same(got, whole, 'the same events, chunk boundaries anywhere')
  t.equal(p.lastEventId, '8', 'the id to resume from (Last-Event-ID)')
  t.equal(p.retryMs, 3000)
})

t.test('comments, empty blocks and an unfinished event yield nothing', async (t) => {
  const p = new SseParser()
  t.same(p.push(': only a comment\n\n\n\nevent: x\n\n'), [], 'an event name without data is not an event')
  t.same(p.push('data: half'), [], 'not dispatched until its blank line')
  t.same(p.push('\n\n'), [{ id: null, event: 'message', data: 'half' }], 'default event name')
  t.same(p.push('data\n\n'), [{ id: null, event: 'message', data: '' }], 'a field without a colon has an empty value')
})
