import { get, post, query } from '../api.ts'
import { clear, h, notice } from '../dom.ts'
import { countdown, formatDateTime } from '../format.ts'
import { CHANNEL_NAMES, STATUS_NAMES } from '../labels.ts'
import { messageOf } from '../problems.ts'
import type { Session } from '../session.ts'
import { openStream } from '../stream.ts'
import type { CaseView } from '../types.ts'

const MINE = ['dispatched', 'accepted', 'replied', 'reopened']

/**
 * 承办: the cases dispatched to my unit. 签收 (accept), 退单 with a reason,
 * 答复 (reply), 办结 (close); the list follows the live stream.
 */
export function departmentView(root: HTMLElement, session: Session): () => void {
  const list = h('div', { id: 'dp-cases' })
  const status = h('div', { class: 'status', id: 'dp-status' })
  /** What is being typed per case: the list redraws as the live stream moves cases, and must not lose it. */
  const drafts = new Map<string, string>()

  async function run(c: CaseView, command: string, body: Record<string, string>, done: string) {
    try {
      await post(`/api/v1/cases/${encodeURIComponent(c.id)}/${command}`, body)
      drafts.delete(c.id)
      await load()
      clear(status, notice('ok', `${c.id} ${done}`))
    } catch (err) {
      clear(status, notice('error', messageOf(err)))
    }
  }

  function row(c: CaseView): HTMLElement {
    const actions: HTMLElement[] = []
    const text = h('textarea', { class: 'dp-text', rows: 2, 'aria-label': `答复或退单理由 ${c.id}`, placeholder: c.status === 'accepted' ? '答复内容（答复时必填）或退单理由' : '退单理由（退单时必填）' })
    text.value = drafts.get(c.id) ?? ''
    text.addEventListener('input', () => drafts.set(c.id, text.value))
    const need = (what: string) => {
      const v = text.value.trim()
      if (!v) clear(status, notice('error', `请填写${what}`))
      return v
    }
    if (c.status === 'dispatched' || c.status === 'reopened') actions.push(h('button', { type: 'button', class: 'dp-accept primary', onclick: () => void run(c, 'accept', {}, '已签收') }, '签收'))
    if (c.status === 'accepted')
      actions.push(h('button', { type: 'button', class: 'dp-reply primary', onclick: () => { const v = need('答复内容'); if (v) void run(c, 'reply', { reply: v }, '已答复') } }, '答复'))
    if (c.status === 'replied') actions.push(h('button', { type: 'button', class: 'dp-close primary', onclick: () => void run(c, 'close', {}, '已办结') }, '办结'))
    if (c.status === 'dispatched' || c.status === 'accepted')
      actions.push(h('button', { type: 'button', class: 'dp-return', onclick: () => { const v = need('退单理由'); if (v) void run(c, 'return', { reason: v }, '已退单') } }, '退单'))
    const sla = h('p', { class: 'sla muted' })
    void showSla(c.id, sla)
    return h(
      'article',
      { class: `case card${c.urgency === '紧急' ? ' urgent' : ''}`, 'data-case': c.id, 'data-status': c.status },
      h('header', {}, h('b', {}, c.id), ` ${STATUS_NAMES[c.status] ?? c.status} · ${c.urgency ?? ''} · ${c.topic ?? ''} · ${CHANNEL_NAMES[c.channel] ?? c.channel} · 受理于 ${formatDateTime(c.receivedAt)}`),
      h('p', {}, c.content),
      h('p', { class: 'muted' }, `地点：${[c.location.district, c.location.address].filter(Boolean).join(' ') || '—'} · 来电人：${c.caller.name ?? '—'} ${c.caller.phone ?? ''}`),
      sla,
      c.status === 'replied' ? null : text,
      h('div', { class: 'actions' }, actions),
    )
  }

  /** 办理时限: the case's deadlines from escalation, with the time left or how late. */
  async function showSla(caseId: string, el: HTMLElement) {
    try {
      const r = await get<{ provisional: boolean; paused: boolean; deadlines: { kind: string; dueAt: string | null; state: string }[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/sla`)
      const names: Record<string, string> = { response: '签收时限', resolution: '办结时限' }
      const parts = r.deadlines
        .filter((d) => d.dueAt)
        .map((d) => `${names[d.kind] ?? d.kind} ${formatDateTime(d.dueAt)}${d.state === 'met' ? '（已完成）' : d.state === 'paused' ? '（补正中，已暂停）' : `（${countdown(d.dueAt!).text}）`}`)
      el.textContent = parts.join(' · ') + (r.provisional ? ' · 节假日安排未公布，时限暂按工作日推算' : '')
      el.classList.toggle('late', r.deadlines.some((d) => d.state === 'breached'))
    } catch {
      el.textContent = ''
    }
  }

  async function load() {
    try {
      const r = await get<{ items: CaseView[] }>(`/api/v1/cases${query({ limit: 200, ...(session.department ? { department: session.department } : {}) })}`)
      const mine = r.items.filter((c) => MINE.includes(c.status))
      const focused = document.activeElement instanceof HTMLTextAreaElement ? document.activeElement.closest('article')?.getAttribute('data-case') : null
      clear(list, h('h2', {}, `待办件（${mine.length}）`), mine.length ? mine.map(row) : h('p', { class: 'empty' }, '暂无待办件'))
      if (focused) list.querySelector<HTMLTextAreaElement>(`article[data-case="${CSS.escape(focused)}"] textarea`)?.focus()
    } catch (err) {
      clear(list, notice('error', `待办件加载失败：${messageOf(err)}`))
    }
  }

  clear(root, h('div', { class: 'department' }, status, list))
  void load()
  let pending: ReturnType<typeof setTimeout> | null = null
  const stop = openStream((m) => {
    if (m.kind !== 'case.updated') return
    if (pending) clearTimeout(pending)
    pending = setTimeout(() => void load(), 300)
  }, () => {})
  return () => {
    stop()
    if (pending) clearTimeout(pending)
  }
}
