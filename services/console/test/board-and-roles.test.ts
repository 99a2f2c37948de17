import t from 'tap'
import { Board } from '../src/app/board.ts'
import { canOpen, homeOf, viewOfHash, viewsOf } from '../src/app/roles.ts'

t.test('the duty board: urgent first, then overdue, then newest; closed cases leave it', async (t) => {
  const b = new Board()
  b.upsert({ caseId: 'A', urgency: '一般', receivedAt: '2026-12-02T01:00:00Z' })
  b.upsert({ caseId: 'B', urgency: '一般', receivedAt: '2026-12-02T02:00:00Z' })
  b.upsert({ caseId: 'C', urgency: null, receivedAt: '2026-12-02T03:00:00Z' })
  b.upsert({ caseId: 'D', urgency: '加急', receivedAt: '2026-12-02T00:30:00Z' })
  b.upsert({ caseId: 'E', urgency: '一般', receivedAt: '2026-12-01T00:00:00Z', overdue: true })
  t.same(b.rows().map((r) => r.caseId), ['D', 'E', 'B', 'A', 'C'])
  b.upsert({ caseId: 'C', urgency: '紧急' })
  t.same(b.rows().map((r) => r.caseId), ['C', 'D', 'E', 'B', 'A'], 'a case classified 紧急 goes to the top')
  t.equal(b.get('C')!.receivedAt, '2026-12-02T03:00:00Z', 'what a message does not carry keeps its value')
  b.upsert({ caseId: 'C', summary: '燃气味', urgency: undefined })
  t.equal(b.get('C')!.urgency, '紧急', 'undefined does not wipe a field')
  t.equal(b.upsert({ caseId: 'D', status: 'closed' }), null)
  t.equal(b.size, 4, 'a closed case leaves the board')
  t.equal(b.upsert({ caseId: 'Z', status: 'merged' }), null, 'a merged case never joins it')
})

t.test('the board keeps at most its limit, dropping the least urgent', async (t) => {
  const b = new Board(3)
  for (const [id, u] of [['1', '一般'], ['2', '紧急'], ['3', '一般'], ['4', '加急']] as const) b.upsert({ caseId: id, urgency: u, receivedAt: `2026-12-02T0${id}:00:00Z` })
  t.same(b.rows().map((r) => r.caseId), ['2', '4', '3'])
})

t.test('which views each role opens', async (t) => {
  t.ok(canOpen('operator', 'operator'))
  t.notOk(canOpen('operator', 'leader'), 'an operator may not open the leader’s view')
  t.notOk(canOpen('operator', 'duty'))
  t.notOk(canOpen('department', 'operator'))
  t.notOk(canOpen('integrator', 'operator'), 'integrators use the API, not the console')
  t.ok(canOpen('admin', 'leader'))
  t.same(viewsOf('duty_officer').map((v) => v.id), ['operator', 'duty'])
  t.same(viewsOf('leader').map((v) => v.id), ['leader'])
  t.equal(homeOf('department'), 'department')
  t.equal(homeOf('integrator'), null)
  t.equal(viewOfHash('#/leader'), 'leader')
  t.equal(viewOfHash('#/leader?x=1'), 'leader')
  t.equal(viewOfHash('#/nowhere'), null)
  t.equal(viewOfHash(''), null)
})
