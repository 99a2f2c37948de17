import { get, patch, post } from '../api.ts'
import { clear, h, notice } from '../dom.ts'
import { countdown, formatDateTime } from '../format.ts'
import { REPORT_STATUS_NAMES } from '../labels.ts'
import { ApiError, messageOf } from '../problems.ts'
import type { Session } from '../session.ts'
import type { Incident, Report } from '../types.ts'

const GRADES = [
  ['Ⅰ', '特别重大'],
  ['Ⅱ', '重大'],
  ['Ⅲ', '较大'],
  ['Ⅳ', '一般'],
] as const

const DRAFTERS = ['duty_officer', 'admin']
const APPROVERS = ['leader']

/**
 * 突发事件信息报告: an incident's reports. Duty officers edit the pre-filled
 * draft (the required 要素 are marked until filled), submit it for approval
 * and start 续报/终报; leaders approve or reject with a comment. Each
 * deadline counts down by the second.
 */
export async function reportEditor(root: HTMLElement, incidentId: string, session: Session, onChange: () => void): Promise<() => void> {
  const ticks: ReturnType<typeof setInterval>[] = []
  const stop = () => ticks.splice(0).forEach(clearInterval)
  const status = h('div', { class: 'status', id: 'rp-status' })

  async function load(selected?: string) {
    stop()
    let incident: Incident
    try {
      incident = await get<Incident>(`/api/v1/emergencies/${encodeURIComponent(incidentId)}`)
    } catch (err) {
      clear(root, notice('error', `报告加载失败：${messageOf(err)}`))
      return
    }
    const reports = incident.reports
    const report = reports.find((r) => r.id === selected) ?? reports.find((r) => r.status !== 'approved') ?? reports[reports.length - 1]
    if (!report) {
      clear(root, notice('info', '该事件尚无报告'))
      return
    }
    const tabs = h(
      'div',
      { class: 'tabs' },
      reports.map((r) => h('button', { type: 'button', class: r.id === report.id ? 'active' : '', onclick: () => void load(r.id) }, `${r.label}（${REPORT_STATUS_NAMES[r.status] ?? r.status}）`)),
    )
    clear(root, h('h2', {}, `${incident.title} · ${report.label}`), tabs, draw(incident, report), status)
  }

  function draw(incident: Incident, r: Report): HTMLElement {
    const editable = DRAFTERS.includes(session.role) && (r.status === 'draft' || r.status === 'rejected')
    const deciding = APPROVERS.includes(session.role) && r.status === 'pending_approval'
    const missing = new Set(r.missing.map((p) => p.split('/').pop()))
    const grade = h('select', { id: 'rp-grade', disabled: !editable }, GRADES.map(([g, n]) => h('option', { value: g }, `${g}级 ${n}`)))
    grade.value = r.grade
    const inputs = new Map<string, HTMLTextAreaElement>()
    const fields = r.fields.map(({ name: f, label }) => {
      const ta = h('textarea', { id: `rf-${f}`, name: f, rows: f === 'process' || f === 'handling' || f === 'measures' ? 3 : 1, readonly: !editable, 'aria-required': 'true', 'aria-invalid': missing.has(f) ? 'true' : 'false' })
      ta.value = r.content[f] ?? ''
      inputs.set(f, ta)
      ta.addEventListener('input', () => ta.closest('.field')?.classList.toggle('missing', ta.value.trim() === ''))
      return h('div', { class: `field${missing.has(f) ? ' missing' : ''}` }, h('label', { for: `rf-${f}` }, `${label}${missing.has(f) ? '（必填）' : ''}`), ta)
    })

    const countdowns = h(
      'ul',
      { class: 'deadlines', id: 'rp-deadlines' },
      r.deadlines.map((d) => {
        const li = h('li', { 'data-kind': d.kind })
        const tick = () => {
          if (d.state === 'met' || d.state === 'met-late') {
            li.textContent = `${d.label}：已完成${d.state === 'met-late' ? `（迟 ${d.lateMinutes} 分钟）` : ''}`
            li.className = 'met'
            return
          }
          const c = countdown(d.due)
          li.textContent = `${d.label}：${formatDateTime(d.due)} 前 · ${c.text}`
          li.className = c.late ? 'late' : c.urgent ? 'soon' : ''
        }
        tick()
        ticks.push(setInterval(tick, 1000))
        return li
      }),
    )

    const content = () => Object.fromEntries([...inputs].map(([f, ta]) => [f, ta.value.trim()]).filter(([, v]) => v !== ''))
    const act = (label: string, id: string, run: () => Promise<unknown>, ok: string, primary = false) => {
      const b = h('button', { type: 'button', id, class: primary ? 'primary' : '' }, label)
      b.addEventListener('click', async () => {
        b.setAttribute('disabled', '')
        try {
          await run()
          onChange()
          await load(r.id)
          clear(status, notice('ok', ok))
        } catch (err) {
          clear(status, notice('error', messageOf(err)))
          b.removeAttribute('disabled')
        }
      })
      return b
    }
    const base = `/api/v1/emergencies/${encodeURIComponent(incident.id)}/reports/${encodeURIComponent(r.id)}`
    const save = () => patch(base, { grade: grade.value, content: content() })
    const comment = h('textarea', { id: 'rp-comment', rows: 2, placeholder: '审批意见（退回时必填）' })
    const actions: HTMLElement[] = []
    if (editable) {
      actions.push(act('保存草稿', 'rp-save', save, '草稿已保存'))
      actions.push(act('提交审批', 'rp-submit', async () => { await save(); await post(`${base}/submit`) }, '已提交分管领导审批', true))
    }
    if (deciding) {
      actions.push(act('批准并报送', 'rp-approve', () => post(`${base}/approve`, comment.value.trim() ? { comment: comment.value.trim() } : {}), '已批准，报告正在报送', true))
      actions.push(
        act('退回', 'rp-reject', async () => {
          if (!comment.value.trim()) throw new ApiError({ status: 422, code: null, message: '退回须写明理由（审批意见）', field: '审批意见', retryAfterSeconds: null })
          return post(`${base}/reject`, { comment: comment.value.trim() })
        }, '已退回值班员修改'),
      )
    }
    const last = incident.reports[incident.reports.length - 1]
    if (DRAFTERS.includes(session.role) && last && last.id === r.id && r.status === 'approved' && incident.status === 'open') {
      actions.push(act('起草续报', 'rp-followup', () => post(`/api/v1/emergencies/${encodeURIComponent(incident.id)}/reports`, { stage: 'follow-up' }), '已生成续报草稿'))
      actions.push(act('起草终报', 'rp-final', () => post(`/api/v1/emergencies/${encodeURIComponent(incident.id)}/reports`, { stage: 'final' }), '已生成终报草稿'))
    }
    const reviews = r.reviews.length
      ? h('ul', { class: 'reviews' }, r.reviews.map((v) => h('li', {}, `${formatDateTime(v.at)} ${v.action === 'approve' ? '批准' : v.action === 'reject' ? '退回' : v.action === 'submit' ? '提交' : v.action}${v.comment ? `：${v.comment}` : ''}`)))
      : null
    const delivery = r.delivery ? h('p', { id: 'rp-delivery' }, `报送：${r.delivery.status === 'delivered' ? `已送达（${formatDateTime(r.delivery.deliveredAt)}）` : r.delivery.status === 'pending' ? `报送中（已尝试 ${r.delivery.attempts} 次）` : r.delivery.status}`) : null
    return h(
      'div',
      { class: 'report', 'data-report': r.id, 'data-status': r.status },
      h('p', {}, `状态：${REPORT_STATUS_NAMES[r.status] ?? r.status} · `, h('label', { for: 'rp-grade' }, '分级 '), grade),
      countdowns,
      r.missing.length && editable ? notice('info', `尚缺 ${r.missing.length} 项必填要素，已标出`) : null,
      h('div', { class: 'report-fields' }, fields),
      deciding ? h('div', { class: 'field' }, h('label', { for: 'rp-comment' }, '审批意见'), comment) : null,
      h('div', { class: 'actions' }, actions),
      reviews,
      delivery,
    )
  }

  await load()
  return stop
}
