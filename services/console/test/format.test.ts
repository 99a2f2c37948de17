import t from 'tap'
import { beijingDate, countdown, daysBefore, formatDate, formatDateTime, formatMinutes, formatNumber, formatPercent } from '../src/app/format.ts'

t.test('dates in Beijing time, the Chinese way', async (t) => {
  t.equal(formatDateTime('2026-12-01T16:05:00Z'), '2026年12月2日 00:05', 'UTC 16:05 is 00:05 the next day in Beijing')
  t.equal(formatDateTime('2026-02-16T01:30:00Z'), '2026年2月16日 09:30')
  t.equal(formatDate('2026-10-01T00:00:00+08:00'), '2026年10月1日')
  t.equal(formatDateTime(null), '—')
  t.equal(formatDateTime('not a date'), '—')
  t.equal(beijingDate('2026-12-31T16:00:00Z'), '2027-01-01', 'the calendar date the stats API takes is Beijing’s')
  t.equal(daysBefore('2026-03-01', 1), '2026-02-28')
  t.equal(daysBefore('2024-03-01', 1), '2024-02-29', 'leap year')
})

t.test('numbers, rates and durations', async (t) => {
  t.equal(formatNumber(1234567), '1,234,567')
  t.equal(formatNumber(null), '—')
  t.equal(formatPercent(95.6), '95.6%')
  t.equal(formatPercent(100), '100.0%')
  t.equal(formatPercent(null), '—', 'no sample: no rate')
  t.equal(formatMinutes(0), '0分')
  t.equal(formatMinutes(65), '1小时5分')
  t.equal(formatMinutes(120), '2小时')
  t.equal(formatMinutes(1440 * 2 + 180), '2天3小时')
  t.equal(formatMinutes(1440), '1天')
})

t.test('a countdown to a deadline, then how late', async (t) => {
  const now = Date.parse('2026-12-02T09:00:00+08:00')
  t.same(countdown('2026-12-02T09:30:00+08:00', now), { text: '剩余 30分00秒', late: false, urgent: false })
  t.same(countdown('2026-12-02T09:05:07+08:00', now), { text: '剩余 5分07秒', late: false, urgent: true }, 'under 12 minutes left is urgent')
  t.same(countdown('2026-12-02T11:15:00+08:00', now), { text: '剩余 2小时15分', late: false, urgent: false })
  t.same(countdown('2026-12-16T08:59:30+08:00', now), { text: '剩余 13天23小时', late: false, urgent: false }, 'days past a day')
  t.same(countdown('2026-12-02T08:57:00+08:00', now), { text: '已超时 3分00秒', late: true, urgent: true })
  t.same(countdown('2026-12-02T09:00:00.000+08:00', now + 20_000), { text: '已超时 20秒', late: true, urgent: true })
})
