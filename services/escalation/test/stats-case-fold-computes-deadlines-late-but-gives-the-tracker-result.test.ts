import t from 'tap'
import { TOPICS, type CaseClassified, type CaseLifecycle, type CaseReceived } from '@hotline-hub/contracts'
import { SlaPolicy } from '../src/sla/policy.ts'
import { foldCase, type HistoryEvent } from '../src/stats/case-fold.ts'
import { withDeadlines } from '../src/tracking/deadlines.ts'
import { applyClassification, applyLifecycle, receivedFacts, type CaseFacts } from '../src/tracking/case-facts.ts'
import { countedOf } from '../src/tracking/rollup.ts'
import { historyOf } from './fixtures/stats-history.ts'
import { randomHistory } from './fixtures/stats-random-history.ts'

const policy = SlaPolicy.load()
let computed = 0
const counting = new Proxy(policy, {
  get: (target, p, receiver) => (p === 'deadlines' ? (f: CaseFacts) => (computed++, target.deadlines(f)) : Reflect.get(target, p, receiver)),
})

/** What CaseTracker does for events in order: apply, then recompute the deadlines whenever their inputs changed. */
function eagerly(history: HistoryEvent[]): CaseFacts {
  let f = withDeadlines(policy, null, receivedFacts(history[0]!.envelope.data as CaseReceived))
  for (const e of history.slice(1)) {
    const next = e.topic === TOPICS.caseLifecycle ? applyLifecycle(f, e.envelope.data as CaseLifecycle) : applyClassification(f, e.envelope.data as CaseClassified)
    f = withDeadlines(policy, f, next)
  }
  return f
}

t.test('random histories: the same facts and counts as the tracker’s step-by-step deadlines', async (t) => {
  let cases = 0
  let differ = 0
  for (let seed = 1; seed <= 20; seed++) {
    const byCase = new Map<string, HistoryEvent[]>()
    for (const e of historyOf(randomHistory(seed, 200, Date.parse('2026-01-05T08:00:00+08:00'), { interleaved: seed % 2 === 0 }))) {
      const list = byCase.get(e.envelope.caseId!) ?? []
      list.push(e)
      byCase.set(e.envelope.caseId!, list)
    }
    for (const history of byCase.values()) {
      const want = eagerly(history)
      const got = foldCase(counting, history)!.facts
      cases++
      if (JSON.stringify(got) !== JSON.stringify(want) || JSON.stringify(countedOf(got)) !== JSON.stringify(countedOf(want))) {
        differ++
        if (differ < 3) t.same(got, want, want.caseId)
      }
    }
  }
  t.equal(differ, 0, `${cases} cases folded both ways`)
  t.ok(computed < cases * 1.3, `${computed} deadline computations for ${cases} cases (the tracker makes about two each)`)
})
