import t from 'tap'
import { rate, tenthsOfPercent } from '../src/stats/rates.ts'
import { isoDay, lastFinished, parseDay, periodRange, splitByMonth, timeKeys, timeSliceName } from '../src/stats/period.ts'

t.test('rates print half-up to one decimal, from the integers', async (t) => {
  t.equal(rate(48039, 50252).display, '95.6%')
  t.equal(rate(31453, 31526).display, '99.8%')
  t.equal(rate(516601, 535909).display, '96.4%')
  t.equal(rate(6004, 6012).display, '99.9%')
  t.equal(rate(73, 73).display, '100.0%')
  t.equal(rate(0, 5).display, '0.0%')
  t.same(rate(399, 400), { percent: 99.8, display: '99.8%', numerator: 399, sample: 400 }, '99.75 rounds up')
  t.equal(rate(1, 8).display, '12.5%', '12.5 exactly')
  t.equal(rate(1, 16).display, '6.3%', '6.25 rounds up')
  t.equal(rate(1, 3).display, '33.3%')
  t.equal(rate(2, 3).display, '66.7%')
  t.same(rate(0, 0), { percent: null, display: '—', numerator: 0, sample: 0 }, 'no sample, no rate')
  // 0.7 · 1000 = 700 but 0.7 is not exact in binary: 7/10 must not print 69.9%.
  t.equal(rate(7, 10).display, '70.0%')
  t.equal(rate(9_007_199, 9_007_200).display, '100.0%')
})

t.test('every fraction up to 400 agrees with long division and its remainder', async (t) => {
  let checked = 0
  for (let d = 1; d <= 400; d++)
    for (let n = 0; n <= d; n++) {
      // tenths of a percent: the integer quotient of 1000·n by d, corrected to be exact, then half-up on the remainder
      let q = Math.floor((1000 * n) / d)
      while (q * d > 1000 * n) q--
      while ((q + 1) * d <= 1000 * n) q++
      const expected = 2 * (1000 * n - q * d) >= d ? q + 1 : q
      if (Number(tenthsOfPercent(n, d)) !== expected) t.fail(`${n}/${d}: ${tenthsOfPercent(n, d)} ≠ ${expected}`)
      checked++
    }
  t.equal(checked, 80_600)
})

t.test('periods in China time', async (t) => {
  const day = (s: string) => parseDay(s)!
  const show = (r: { from: number; to: number }) => [isoDay(r.from), isoDay(r.to)]
  t.same(show(periodRange('week', day('2026-03-11'))), ['2026-03-09', '2026-03-15'], 'a Wednesday: Monday to Sunday')
  t.same(show(periodRange('week', day('2026-03-15'))), ['2026-03-09', '2026-03-15'], 'a Sunday belongs to the week before it')
  t.same(show(periodRange('week', day('2026-03-16'))), ['2026-03-16', '2026-03-22'])
  t.same(show(periodRange('month', day('2024-02-10'))), ['2024-02-01', '2024-02-29'], 'leap year')
  t.same(show(periodRange('year', day('2009-06-30'))), ['2009-01-01', '2009-12-31'])
  t.same(show(lastFinished('day', day('2026-03-01'))), ['2026-02-28', '2026-02-28'], '日报: the day before')
  t.same(show(lastFinished('week', day('2026-03-11'))), ['2026-03-02', '2026-03-08'], '周报: last Monday to Sunday')
  t.same(show(lastFinished('week', day('2026-03-09'))), ['2026-03-02', '2026-03-08'], 'on a Monday too')
  t.same(show(lastFinished('month', day('2026-01-05'))), ['2025-12-01', '2025-12-31'])
  t.same(timeKeys('week', { from: day('2026-03-11'), to: day('2026-03-23') }), ['2026-03-09', '2026-03-16', '2026-03-23'])
  t.equal(timeSliceName('week', '2026-03-09'), '2026年3月9日—3月15日')
  t.equal(timeSliceName('week', '2025-12-29'), '2025年12月29日—2026年1月4日', 'a week across the new year names both years')
})

t.test('a range splits into whole months and the days around them', async (t) => {
  const day = (s: string) => parseDay(s)!
  const split = (a: string, b: string) => {
    const s = splitByMonth({ from: day(a), to: day(b) })
    return { daily: s.daily.map((r) => [isoDay(r.from), isoDay(r.to)]), months: s.months && [isoDay(s.months.from), isoDay(s.months.to)] }
  }
  t.same(split('2009-01-01', '2009-12-31'), { daily: [], months: ['2009-01-01', '2009-12-01'] })
  t.same(split('2009-01-17', '2009-11-13'), { daily: [['2009-01-17', '2009-01-31'], ['2009-11-01', '2009-11-13']], months: ['2009-02-01', '2009-10-01'] })
  t.same(split('2026-03-05', '2026-03-20'), { daily: [['2026-03-05', '2026-03-20']], months: null })
  t.same(split('2026-02-01', '2026-02-28'), { daily: [], months: ['2026-02-01', '2026-02-01'] })
  t.same(split('2026-02-01', '2026-02-27'), { daily: [['2026-02-01', '2026-02-27']], months: null })
  t.same(split('2026-01-31', '2026-03-01'), { daily: [['2026-01-31', '2026-01-31'], ['2026-03-01', '2026-03-01']], months: ['2026-02-01', '2026-02-01'] })
})
