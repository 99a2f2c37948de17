import { get, post, query } from '../api.ts'
import { Board, type BoardCase } from '../board.ts'
import { clear, h, notice, table } from '../dom.ts'
import { formatDateTime, formatMinutes, formatTime } from '../format.ts'
import { ALERT_NAMES, CHANNEL_NAMES, REPORT_STATUS_NAMES, STATUS_NAMES } from '../labels.ts'
import { messageOf } from '../problems.ts'
import type { Session } from '../session.ts'
import { beep } from '../sound.ts'
import { openStream, type LiveMessage } from '../stream.ts'
import type { CaseView, IncidentSummary } from '../types.ts'
import { reportEditor } from './report-editor.ts'

interface Alert {
  id: string
  kind: string
  at: string
  urgent: boolean
  text: string
  incidentId: string | null
  caseId: string | null
}

const boardRowOf = (c: CaseView): Partial<BoardCase> & { caseId: string } => ({
  caseId: c.id,
  channel: c.channel,
  receivedAt: c.receivedAt,
  status: c.status,
  urgency: c.urgency ?? null,
  topic: c.topic ?? null,
  district: c.location.district ?? null,
  department: c.department,
  summary: c.content.slice(0, 60),
})

/**
 * 值班: the live board (urgent cases first), alerts as they are raised
 * (banner and sound for 紧急), the emergency reports with their
 * countdowns, and the overdue cases to urge.
 */
export function dutyView(root: HTMLElement, session: Session): () => void {
  const board = new Board()
  const alerts: Alert[] = []
  let drawPending = false
  const boardEl = h('div', { id: 'duty-board' })
  const alertsEl = h('div', { id: 'duty-alerts' })
  const incidentsEl = h('div', { id: 'duty-incidents' })
  const overdueEl = h('div', { id: 'duty-overdue' })
  const editorEl = h('div', { id: 'duty-report' }, h('h2', {}, '突发事件信息报告'), h('p', { class: 'empty' }, '在告警或突发事件列表中点「起草报告」或「处理」，在此完善初报、续报和终报。'))
  const liveEl = h('span', { id: 'duty-live', class: 'live off' }, '连接中…')
  const statusEl = h('div', { class: 'status' })
  const banners = document.getElementById('banners')
  const timers: ReturnType<typeof setInterval>[] = []
  let stopEditor: () => void = () => {}

  const draw = () => {
    if (drawPending) return
    drawPending = true
    requestAnimationFrame(() => {
      drawPending = false
      const rows = board.rows()
      clear(
        boardEl,
        h('h2', {}, `待办诉求（${rows.length}）`, liveEl),
        rows.length === 0
          ? h('p', { class: 'empty' }, '暂无待办诉求')
          : h(
              'table',
              { class: 'board' },
              h('thead', {}, h('tr', {}, ['紧急程度', '受理编号', '受理时间', '渠道', '类别', '区县', '状态', '内容'].map((x) => h('th', {}, x)))),
              h(
                'tbody',
                {},
                rows.map((c) =>
                  h(
                    'tr',
                    { 'data-case': c.caseId, 'data-urgency': c.urgency ?? '', class: `${c.urgency === '紧急' ? 'u-urgent' : c.urgency === '加急' ? 'u-expedited' : ''}${c.overdue ? ' overdue' : ''}${Date.now() - c.seenAt < 10_000 ? ' fresh' : ''}` },
                    h('td', {}, h('span', { class: 'badge' }, c.urgency ?? '待识别')),
                    h('td', {}, c.caseId),
                    h('td', {}, formatDateTime(c.receivedAt)),
                    h('td', {}, CHANNEL_NAMES[c.channel] ?? c.channel),
                    h('td', {}, [c.topic, ...c.subtopics.slice(0, 2)].filter(Boolean).join(' / ') || '—'),
                    h('td', {}, c.district ?? '—'),
                    h('td', {}, `${STATUS_NAMES[c.status] ?? c.status}${c.department ? ` · ${c.department}` : ''}${c.overdue ? ' · 超期' : ''}`),
                    h('td', { class: 'summary' }, c.summary ?? ''),
                  ),
                ),
              ),
            ),
      )
    })
  }

  const drawAlerts = () =>
    clear(
      alertsEl,
      h('h2', {}, '预警与告警'),
      alerts.length === 0
        ? h('p', { class: 'empty' }, '暂无告警')
        : h(
            'ul',
            { class: 'alerts' },
            alerts.slice(0, 30).map((a) =>
              h(
                'li',
                { class: a.urgent ? 'urgent' : '', 'data-kind': a.kind },
                h('time', {}, formatTime(a.at)),
                ' ',
                h('b', {}, ALERT_NAMES[a.kind] ?? a.kind),
                ` ${a.text} `,
                a.incidentId ? h('button', { type: 'button', class: 'draft-report', onclick: () => void openIncident(a.incidentId!) }, '起草报告') : null,
              ),
            ),
          ),
    )

  function raise(a: Alert) {
    if (alerts.some((x) => x.id === a.id)) return
    alerts.unshift(a)
    drawAlerts()
    beep(a.urgent)
    if (a.urgent && banners) {
      const close = h('button', { type: 'button', class: 'close', 'aria-label': '关闭' }, '×')
      const banner = h(
        'div',
        { class: 'banner urgent', role: 'alert', 'data-alert': a.id },
        h('strong', {}, `紧急 · ${ALERT_NAMES[a.kind] ?? a.kind}`),
        ` ${a.text} `,
        a.incidentId ? h('button', { type: 'button', class: 'draft-report', onclick: () => void openIncident(a.incidentId!) }, '起草报告') : null,
        close,
      )
      close.addEventListener('click', () => banner.remove())
      banners.prepend(banner)
    }
  }

  async function fetchSummary(caseId: string) {
    try {
      const c = await get<CaseView>(`/api/v1/cases/${encodeURIComponent(caseId)}`)
      board.upsert({ caseId, summary: c.content.slice(0, 60) })
      draw()
    } catch {
      /* the row shows without its text */
    }
  }

  function onMessage(m: LiveMessage) {
    const p = m.payload
    if (m.kind === 'case.updated') {
      const known = board.get(String(p.caseId))
      board.upsert({
        caseId: String(p.caseId),
        channel: String(p.channel ?? ''),
        receivedAt: String(p.receivedAt ?? m.at),
        status: String(p.status ?? 'received'),
        urgency: (p.urgency as string | null) ?? null,
        topic: (p.topic as string | null) ?? null,
        subtopics: Array.isArray(p.subtopics) ? (p.subtopics as string[]) : [],
        district: (p.district as string | null) ?? null,
        department: (p.department as string | null) ?? null,
        overdue: p.overdue === true,
      })
      if (!known && board.get(String(p.caseId))) void fetchSummary(String(p.caseId))
      draw()
      return
    }
    if (m.kind === 'sla.warning' || m.kind === 'sla.breach') {
      const due = typeof p.dueAt === 'string' ? `时限 ${formatDateTime(p.dueAt)}` : ''
      const late = typeof p.lateMinutes === 'number' && p.lateMinutes > 0 ? `，已超 ${formatMinutes(p.lateMinutes)}` : ''
      raise({ id: String(p.alertId ?? m.seq), kind: m.kind, at: m.at, urgent: p.urgency === '紧急', text: `${String(p.caseId ?? '')}（${String(p.department ?? '未转办')}）${due}${late}`, incidentId: null, caseId: String(p.caseId ?? '') })
      if (m.kind === 'sla.breach') void loadOverdue()
      return
    }
    if (m.kind === 'emergency.opened') {
      raise({ id: `inc-${String(p.incidentId)}`, kind: m.kind, at: m.at, urgent: true, text: `${String(p.title ?? '')}，已生成初报草稿`, incidentId: String(p.incidentId), caseId: null })
      void loadIncidents()
      return
    }
    if (m.kind.startsWith('emergency.') && ALERT_NAMES[m.kind]) {
      const urgent = m.kind === 'emergency.report.rejected' || m.kind === 'emergency.report.delivery_failed'
      raise({ id: `${m.kind}-${m.seq}`, kind: m.kind, at: m.at, urgent, text: typeof p.comment === 'string' ? `意见：${p.comment}` : '', incidentId: String(p.incidentId ?? '') || null, caseId: null })
      void loadIncidents()
    }
  }

  async function loadBoard() {
    try {
      const r = await get<{ items: CaseView[] }>(`/api/v1/cases${query({ limit: 200 })}`)
      for (const c of r.items) board.upsert(boardRowOf(c), Date.now() - 60_000)
      draw()
    } catch (err) {
      clear(statusEl, notice('error', `待办诉求加载失败：${messageOf(err)}`))
    }
  }

  async function loadIncidents() {
    try {
      const r = await get<{ items: IncidentSummary[] }>(`/api/v1/emergencies${query({ status: 'open' })}`)
      clear(
        incidentsEl,
        h('h2', {}, `突发事件（${r.items.length}）`),
        table(
          ['事件', '触发', '接报时间', '诉求件', '报告', ''],
          r.items.map((i) => [
            i.title,
            i.triggerName,
            formatDateTime(i.receivedAt),
            String(i.caseCount),
            i.reports.map((x) => `${x.label}·${REPORT_STATUS_NAMES[x.status] ?? x.status}`).join('，'),
            h('button', { type: 'button', class: 'open-incident', 'data-incident': i.id, onclick: () => void openIncident(i.id) }, '处理'),
          ]),
          '暂无进行中的突发事件',
        ),
      )
    } catch (err) {
      clear(incidentsEl, notice('error', `突发事件加载失败：${messageOf(err)}`))
    }
  }

  async function loadOverdue() {
    try {
      const r = await get<{ total: number; items: { caseId: string; department: string | null; kind?: string; deadline?: string; dueAt: string; lateMinutes: number }[] }>('/api/v1/overdue')
      clear(
        overdueEl,
        h('h2', {}, `超期诉求（${r.total}）`),
        table(
          ['受理编号', '承办单位', '时限', '超期', ''],
          r.items.slice(0, 50).map((o) => {
            const reason = h('input', { class: 'urge-reason', placeholder: '督办意见', 'aria-label': `督办意见 ${o.caseId}` })
            const btn = h('button', { type: 'button', class: 'urge' }, '督办')
            btn.addEventListener('click', async () => {
              try {
                await post(`/api/v1/cases/${encodeURIComponent(o.caseId)}/urge`, { reason: reason.value.trim() || '已超期，请尽快办理并答复' })
                clear(statusEl, notice('ok', `已督办 ${o.caseId}`))
              } catch (err) {
                clear(statusEl, notice('error', messageOf(err)))
              }
            })
            return [o.caseId, o.department ?? '—', formatDateTime(o.dueAt), formatMinutes(o.lateMinutes), h('span', {}, reason, btn)]
          }),
          '暂无超期诉求',
        ),
      )
    } catch (err) {
      clear(overdueEl, notice('error', `超期诉求加载失败：${messageOf(err)}`))
    }
  }

  async function openIncident(id: string) {
    stopEditor()
    stopEditor = await reportEditor(editorEl, id, session, () => void loadIncidents())
    editorEl.scrollIntoView({ block: 'start' })
    editorEl.focus()
  }

  clear(root, h('div', { class: 'duty' }, statusEl, h('div', { class: 'duty-grid' }, h('section', { class: 'card' }, boardEl), h('section', { class: 'card side' }, alertsEl)), h('section', { class: 'card', tabindex: -1 }, editorEl), h('section', { class: 'card' }, incidentsEl), h('section', { class: 'card' }, overdueEl)))
  editorEl.setAttribute('tabindex', '-1')
  draw()
  drawAlerts()
  const stop = openStream(onMessage, (live) => {
    liveEl.textContent = live ? '实时' : '重连中…'
    liveEl.className = `live ${live ? 'on' : 'off'}`
  })
  void loadBoard()
  void loadIncidents()
  void loadOverdue()
  timers.push(setInterval(draw, 10_000))
  return () => {
    stop()
    stopEditor()
    timers.forEach(clearInterval)
    banners?.replaceChildren()
  }
}
