import { download, get, query } from '../api.ts'
import { clear, h, notice, table } from '../dom.ts'
import { beijingDate, daysBefore, formatDate, formatDateTime, formatMinutes, formatNumber } from '../format.ts'
import { DIMENSIONS } from '../labels.ts'
import { messageOf } from '../problems.ts'
import type { Session } from '../session.ts'
import { openStream } from '../stream.ts'
import type { IncidentSummary, Stats, StatsRow } from '../types.ts'
import { chartIn, disposeCharts } from './charts.ts'
import { reportEditor } from './report-editor.ts'

const PERIODS = [
  ['7', '近7天'],
  ['30', '近30天'],
  ['month', '本月'],
  ['year', '本年'],
] as const

function rangeOf(period: string, today = beijingDate()): { from: string; to: string } {
  if (period === 'month') return { from: `${today.slice(0, 7)}-01`, to: today }
  if (period === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today }
  return { from: daysBefore(today, Number(period) - 1), to: today }
}

const REPORT_KIND_NAMES: Record<string, string> = { daily: '日报', weekly: '周报', monthly: '月报', yearly: '年报' }

const rateCell = (r: StatsRow['rates']['closure'], cls: string) => h('span', { class: cls, title: `${r.numerator}/${r.sample}` }, r.display)

/**
 * 统计: closure-rate statistics for leaders, by channel, department, topic,
 * district and period, drawn with ECharts (trend, ranking with sample sizes,
 * district breakdown), the overdue list, the daily and weekly reports and
 * exports to download, the reports waiting for approval, and the ledger.
 */
export function leaderView(root: HTMLElement, session: Session): () => void {
  const period = h('select', { id: 'ld-period', 'aria-label': '统计周期' }, PERIODS.map(([v, n]) => h('option', { value: v }, n)))
  period.value = '30'
  const dimension = h('select', { id: 'ld-dimension', 'aria-label': '统计维度' }, DIMENSIONS.map(([v, n]) => h('option', { value: v }, `按${n}`)))
  const refresh = h('button', { type: 'button', id: 'ld-refresh' }, '刷新')
  const status = h('div', { class: 'status' })
  const kpis = h('div', { id: 'ld-kpis', class: 'kpis' })
  const trend = h('div', { id: 'ld-trend', class: 'chart' })
  const ranking = h('div', { id: 'ld-ranking', class: 'chart' })
  const district = h('div', { id: 'ld-district', class: 'chart' })
  const slices = h('div', { id: 'ld-slices' })
  const overdue = h('div', { id: 'ld-overdue' })
  const reports = h('div', { id: 'ld-reports' })
  const approvals = h('div', { id: 'ld-approvals' })
  const editor = h('div', { id: 'ld-report' })
  const ledger = h('div', { id: 'ld-ledger' })
  const charts = [trend, ranking, district]
  let stopEditor: () => void = () => {}

  const save = (path: string, name: string) => async () => {
    try {
      await download(path, name)
    } catch (err) {
      clear(status, notice('error', `下载失败：${messageOf(err)}`))
    }
  }

  async function loadStats() {
    const { from, to } = rangeOf(period.value)
    const by = dimension.value
    const dimName = DIMENSIONS.find(([d]) => d === by)?.[1] ?? by
    try {
      const [total, byDim, byDay, byDistrict] = await Promise.all([
        get<Stats>(`/api/v1/stats${query({ from, to })}`),
        get<Stats>(`/api/v1/stats${query({ from, to, by })}`),
        get<Stats>(`/api/v1/stats${query({ from, to, by: 'day' })}`),
        get<Stats>(`/api/v1/stats${query({ from, to, by: 'district' })}`),
      ])
      const t = total.total
      clear(
        kpis,
        [
          ['受理', formatNumber(t.received), 'kpi-received'],
          ['办结', formatNumber(t.closed), 'kpi-closed'],
          ['办结率', t.rates.closure.display, 'kpi-closure'],
          ['按期办结率', t.rates.onTime.display, 'kpi-ontime'],
          ['满意率', t.rates.satisfaction.display, 'kpi-satisfaction'],
          ['超期', formatNumber(t.overdue), 'kpi-overdue'],
        ].map(([label, value, id]) => h('div', { class: 'kpi', id: id! }, h('span', {}, label), h('strong', {}, value))),
        h('p', { class: 'period' }, `${formatDate(from)} 至 ${formatDate(to)}`),
      )
      chartIn(trend).setOption(
        {
          title: { text: '受理量与办结率趋势', left: 0, textStyle: { fontSize: 14 } },
          tooltip: { trigger: 'axis' },
          legend: { right: 0, top: 0 },
          grid: { left: 48, right: 48, top: 64, bottom: 30 },
          xAxis: { type: 'category', data: byDay.slices.map((s) => (s.key ?? s.name ?? '').slice(5)) },
          yAxis: [{ type: 'value', name: '件' }, { type: 'value', name: '%', max: 100 }],
          series: [
            { name: '受理量', type: 'bar', data: byDay.slices.map((s) => s.received), itemStyle: { color: '#9db7d8' } },
            { name: '办结率', type: 'line', yAxisIndex: 1, data: byDay.slices.map((s) => s.rates.closure.percent), connectNulls: true, itemStyle: { color: '#c0392b' } },
          ],
        },
        true,
      )
      const ranked = [...byDim.slices].sort((a, b) => (b.rates.closure.percent ?? -1) - (a.rates.closure.percent ?? -1))
      chartIn(ranking).setOption(
        {
          title: { text: `办结率排名（${dimName}，标注样本量）`, left: 0, textStyle: { fontSize: 14 } },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 120, right: 130, top: 36, bottom: 20 },
          xAxis: { type: 'value', max: 100, name: '%' },
          yAxis: { type: 'category', inverse: true, data: ranked.map((s) => s.name ?? s.key ?? '') },
          series: [
            {
              name: '办结率',
              type: 'bar',
              data: ranked.map((s) => s.rates.closure.percent ?? 0),
              label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${ranked[p.dataIndex]!.rates.closure.display}（n=${ranked[p.dataIndex]!.rates.closure.sample}）` },
              itemStyle: { color: '#2e6da4' },
            },
          ],
        },
        true,
      )
      const districts = [...byDistrict.slices].sort((a, b) => b.received - a.received)
      chartIn(district).setOption(
        {
          title: { text: '各区县受理与办结', left: 0, textStyle: { fontSize: 14 } },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { right: 0, top: 0 },
          grid: { left: 48, right: 16, top: 64, bottom: 40 },
          xAxis: { type: 'category', data: districts.map((s) => s.name ?? s.key ?? ''), axisLabel: { interval: 0, rotate: districts.length > 8 ? 30 : 0 } },
          yAxis: { type: 'value', name: '件' },
          series: [
            { name: '受理', type: 'bar', data: districts.map((s) => s.received), itemStyle: { color: '#9db7d8' } },
            { name: '办结', type: 'bar', data: districts.map((s) => s.closed), itemStyle: { color: '#2e6da4' } },
            { name: '超期', type: 'bar', data: districts.map((s) => s.overdue), itemStyle: { color: '#c0392b' } },
          ],
        },
        true,
      )
      clear(
        slices,
        h('h3', {}, `按${dimName}统计`),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', id: 'ld-export-csv', onclick: save(`/api/v1/stats/export.csv${query({ from, to, by })}`, `统计_${by}_${from}_${to}.csv`) }, '导出 CSV'),
          h('button', { type: 'button', id: 'ld-export-xlsx', onclick: save(`/api/v1/stats/export.xlsx${query({ from, to, by })}`, `统计_${by}_${from}_${to}.xlsx`) }, '导出 Excel'),
        ),
        byDim.slices.length === 0
          ? h('p', { class: 'empty' }, '该时段暂无数据')
          : h(
              'table',
              { class: 'slices' },
              h('thead', {}, h('tr', {}, [dimName, '受理', '转办', '办结', '办结率', '按期办结率', '满意率', '超期'].map((x) => h('th', {}, x)))),
              h(
                'tbody',
                {},
                byDim.slices.map((s) =>
                  h(
                    'tr',
                    { 'data-key': s.key ?? '' },
                    h('td', {}, s.name ?? s.key ?? ''),
                    h('td', {}, formatNumber(s.received)),
                    h('td', {}, formatNumber(s.dispatched)),
                    h('td', { class: 'closed' }, formatNumber(s.closed)),
                    h('td', {}, rateCell(s.rates.closure, 'closure')),
                    h('td', {}, rateCell(s.rates.onTime, 'ontime')),
                    h('td', {}, rateCell(s.rates.satisfaction, 'satisfaction')),
                    h('td', {}, formatNumber(s.overdue)),
                  ),
                ),
              ),
            ),
      )
      clear(status)
    } catch (err) {
      clear(status, notice('error', `统计加载失败：${messageOf(err)}`))
    }
  }

  async function loadLists() {
    const jobs: Promise<void>[] = [
      get<{ total: number; items: { caseId: string; department: string | null; dueAt: string; lateMinutes: number }[] }>('/api/v1/overdue').then((r) =>
        clear(overdue, h('h3', {}, `超期诉求（${r.total}）`), table(['受理编号', '承办单位', '时限', '超期'], r.items.slice(0, 20).map((o) => [o.caseId, o.department ?? '—', formatDateTime(o.dueAt), formatMinutes(o.lateMinutes)]), '暂无超期诉求')),
      ),
      get<{ items: { id: string; kind: string; periodStart: string; periodEnd: string; generatedAt: string }[] }>('/api/v1/reports').then((r) =>
        clear(
          reports,
          h('h3', {}, '日报与周报'),
          table(
            ['类型', '周期', '生成时间', '下载'],
            r.items.slice(0, 14).map((x) => {
              const kind = REPORT_KIND_NAMES[x.kind] ?? x.kind
              const name = `${kind}_${x.periodStart}`
              return [
                kind,
                x.periodStart === x.periodEnd ? formatDate(x.periodStart) : `${formatDate(x.periodStart)} 至 ${formatDate(x.periodEnd)}`,
                formatDateTime(x.generatedAt),
                h(
                  'span',
                  { class: 'downloads' },
                  h('button', { type: 'button', onclick: save(`/api/v1/reports/${x.id}.xlsx`, `${name}.xlsx`) }, 'Excel'),
                  h('button', { type: 'button', onclick: save(`/api/v1/reports/${x.id}.csv`, `${name}.csv`) }, 'CSV'),
                  h('button', { type: 'button', onclick: save(`/api/v1/reports/${x.id}.txt`, `${name}.txt`) }, '文本'),
                ),
              ]
            }),
            '暂无报表',
          ),
        ),
      ),
      get<{ items: IncidentSummary[] }>('/api/v1/emergencies').then((r) => {
        const pending = r.items.filter((i) => i.reports.some((x) => x.status === 'pending_approval'))
        clear(
          approvals,
          h('h3', {}, `待审批报告（${pending.length}）`),
          table(
            ['事件', '报告', '接报时间', ''],
            pending.map((i) => [
              i.title,
              i.reports.filter((x) => x.status === 'pending_approval').map((x) => x.label).join('，'),
              formatDateTime(i.receivedAt),
              h('button', { type: 'button', class: 'review', 'data-incident': i.id, onclick: () => void review(i.id) }, '审阅'),
            ]),
            '暂无待审批报告',
          ),
        )
      }),
      get<{ items: { id: string; kindName: string; subjectLabel: string; reportLabel: string | null; responsible: string; dueAt: string | null; lateMinutes: number | null; detail: string | null }[] }>('/api/v1/ledger').then((r) =>
        clear(
          ledger,
          h('h3', {}, '舆情回应台账'),
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', onclick: save('/api/v1/ledger/export.xlsx', '舆情回应台账.xlsx') }, '导出 Excel'),
            h('button', { type: 'button', onclick: save('/api/v1/ledger/export.csv', '舆情回应台账.csv') }, '导出 CSV'),
          ),
          table(
            ['类型', '事项', '责任人', '时限', '迟延', '说明'],
            r.items.slice(0, 50).map((x) => [x.kindName, [x.reportLabel, x.subjectLabel].filter(Boolean).join(' · '), x.responsible, formatDateTime(x.dueAt), x.lateMinutes === null ? '—' : formatMinutes(x.lateMinutes), x.detail ?? '']),
            '台账暂无记录',
          ),
        ),
      ),
    ]
    const results = await Promise.allSettled(jobs)
    const failed = results.find((r) => r.status === 'rejected')
    if (failed && failed.status === 'rejected') clear(status, notice('error', messageOf(failed.reason)))
  }

  async function review(incidentId: string) {
    stopEditor()
    stopEditor = await reportEditor(editor, incidentId, session, () => void loadLists())
    editor.scrollIntoView({ block: 'start' })
  }

  const reload = () => {
    void loadStats()
    void loadLists()
  }
  period.addEventListener('change', () => void loadStats())
  dimension.addEventListener('change', () => void loadStats())
  refresh.addEventListener('click', reload)

  clear(
    root,
    h(
      'div',
      { class: 'leader' },
      h('div', { class: 'toolbar card' }, h('label', { for: 'ld-period' }, '周期'), period, h('label', { for: 'ld-dimension' }, '维度'), dimension, refresh),
      status,
      h('section', { class: 'card' }, kpis),
      h('div', { class: 'grid2' }, h('section', { class: 'card' }, trend), h('section', { class: 'card' }, ranking)),
      h('div', { class: 'grid2' }, h('section', { class: 'card' }, district), h('section', { class: 'card' }, slices)),
      h('div', { class: 'grid2' }, h('section', { class: 'card' }, approvals, editor), h('section', { class: 'card' }, overdue)),
      h('div', { class: 'grid2' }, h('section', { class: 'card' }, reports), h('section', { class: 'card' }, ledger)),
    ),
  )
  reload()
  const resize = () => charts.forEach((el) => chartIn(el).resize())
  window.addEventListener('resize', resize)
  const timer = setInterval(reload, 60_000)
  // New reports to approve arrive on the live stream.
  const stopStream = openStream((m) => {
    if (m.kind === 'emergency.report.submitted') void loadLists()
  }, () => {})
  return () => {
    clearInterval(timer)
    stopStream()
    stopEditor()
    window.removeEventListener('resize', resize)
    disposeCharts(charts)
  }
}
