import { post } from '../api.ts'
import { clear, field, h, notice } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { APPEAL_TYPES, CHANNEL_NAMES, STATUS_NAMES, TOPICS, URGENCIES } from '../labels.ts'
import { messageOf } from '../problems.ts'
import type { Session } from '../session.ts'
import type { CaseView, Classification, Tag } from '../types.ts'

/** Channels an operator logs by hand (the others arrive through their adapters). */
const HAND_CHANNELS = ['hotline-12345', 'hotline-12319', 'mayor-line', 'radio-hotline', 'director-mailbox', 'web-message']
const TAGS = [
  ['urgency', '紧急程度', URGENCIES],
  ['topic', '类别', TOPICS],
  ['appealType', '诉求类型', APPEAL_TYPES],
] as const
type TagName = (typeof TAGS)[number][0]

/**
 * 受理: the operator logs a case while on the phone, without the mouse.
 * Tab moves through the fields; the classifier's suggestion follows the text
 * as it is typed; Alt+数字 marks a likely duplicate to merge into; Ctrl+Enter
 * submits; the case number to read back is shown at once.
 */
export function operatorView(root: HTMLElement, _session: Session): () => void {
  let suggestion: Classification | null = null
  const overruled = new Map<TagName, string>()
  let mergeInto: string | null = null
  let similar: CaseView[] = []
  let scores: number[] = []
  let idempotencyKey = crypto.randomUUID()
  let classifyTimer: ReturnType<typeof setTimeout> | null = null
  let hintsTimer: ReturnType<typeof setTimeout> | null = null
  let classifySeq = 0

  const channel = h('select', { id: 'op-channel', name: 'channel' }, HAND_CHANNELS.map((c) => h('option', { value: c }, CHANNEL_NAMES[c] ?? c)))
  const phone = h('input', { id: 'op-phone', name: 'phone', inputmode: 'tel', autocomplete: 'off', maxlength: 32, placeholder: '如 13812345678' })
  const name = h('input', { id: 'op-name', name: 'name', autocomplete: 'off', maxlength: 64 })
  const content = h('textarea', { id: 'op-content', name: 'content', rows: 6, maxlength: 50000, required: true, placeholder: '记录来电人反映的问题、时间、地点、诉求' })
  const address = h('input', { id: 'op-address', name: 'address', autocomplete: 'off', maxlength: 200, placeholder: '如 南岗区花园街道某小区3号楼' })
  const district = h('input', { id: 'op-district', name: 'district', autocomplete: 'off', maxlength: 64, placeholder: '如 南岗区' })
  const selects = Object.fromEntries(
    TAGS.map(([tag, label, values]) => [
      tag,
      h('select', { id: `op-${tag}`, name: tag, 'aria-label': label }, h('option', { value: '' }, '（待识别）'), values.map((v) => h('option', { value: v }, v))),
    ]),
  ) as Record<TagName, HTMLSelectElement>
  const because = Object.fromEntries(TAGS.map(([tag]) => [tag, h('small', { class: 'because', id: `op-${tag}-because` })])) as Record<TagName, HTMLElement>
  const submit = h('button', { type: 'submit', class: 'primary', id: 'op-submit' }, '提交受理（Ctrl+Enter）')
  const status = h('div', { id: 'op-status', class: 'status' })
  const result = h('div', { id: 'op-result' })
  const history = h('div', { id: 'op-history' })
  const duplicates = h('div', { id: 'op-duplicates' })
  const extraTags = h('div', { id: 'op-extra-tags', class: 'because' })

  for (const [tag] of TAGS) {
    selects[tag].addEventListener('change', () => {
      const v = selects[tag].value
      const suggested = suggestion?.[tag]?.value ?? ''
      if (v && v !== suggested) overruled.set(tag, v)
      else overruled.delete(tag)
      selects[tag].classList.toggle('overruled', overruled.has(tag))
      because[tag].textContent = overruled.has(tag) ? `已改判（系统建议：${suggested || '无'}）` : whyOf(suggestion?.[tag] ?? null)
    })
  }

  const form = h(
    'form',
    { id: 'op-form', class: 'card intake', autocomplete: 'off' },
    h('h2', {}, '来电受理'),
    h('div', { class: 'grid2' }, field('渠道', channel), field('来电号码', phone, '输入后显示该号码的历史诉求')),
    field('诉求人姓名', name, '仅登记，展示时脱敏'),
    field('诉求内容', content),
    h('div', { class: 'grid2' }, field('地址', address), field('区县', district)),
    h(
      'fieldset',
      { class: 'suggest', id: 'op-suggest' },
      h('legend', {}, '智能识别（可改判）'),
      TAGS.map(([tag, label]) => h('div', { class: 'tag-row' }, h('label', { for: `op-${tag}` }, label), selects[tag], because[tag])),
      extraTags,
    ),
    h('div', { class: 'actions' }, submit, h('span', { class: 'keys' }, 'Tab 下一项 · Alt+数字 标记并单 · Ctrl+Enter 提交 · Esc 清空')),
    status,
  )

  const whyOf = (t: Tag | null) => (t ? `依据：${t.because.slice(0, 6).join('、') || '—'}` : '')

  function showSuggestion(c: Classification) {
    suggestion = c
    for (const [tag] of TAGS) {
      const t = c[tag]
      if (!overruled.has(tag)) {
        selects[tag].value = t?.value ?? ''
        because[tag].textContent = whyOf(t)
      }
    }
    selects.urgency.classList.toggle('urgent', selects.urgency.value === '紧急')
    const sub = c.subtopics.map((s) => s.value).join('、')
    const sentiment = c.sentiment.flags.length ? `情绪：${c.sentiment.flags.join('、')}` : ''
    extraTags.textContent = [sub ? `细类：${sub}` : '', sentiment, c.location.district && !district.value ? `地点：${c.location.district}${c.location.street ?? ''}` : ''].filter(Boolean).join(' · ')
  }

  async function classify() {
    const text = content.value.trim()
    if (text.length < 4) return
    const seq = ++classifySeq
    try {
      const c = await post<Classification>('/api/v1/classify', { text, ...(district.value.trim() ? { district: district.value.trim() } : {}) })
      if (seq === classifySeq) showSuggestion(c)
    } catch {
      /* the suggestion is a help, not a step: the case can be logged without it */
    }
  }

  async function hints() {
    const body = {
      ...(phone.value.trim().length >= 3 ? { phone: phone.value.trim() } : {}),
      ...(district.value.trim() ? { district: district.value.trim() } : {}),
      ...(content.value.trim().length >= 6 ? { content: content.value.trim() } : {}),
    }
    if (Object.keys(body).length === 0) return
    try {
      const r = await post<{ sameCaller: CaseView[]; similar: { case: CaseView; similarity: number }[] }>('/api/v1/cases/hints', body)
      clear(
        history,
        h('h3', {}, `来电人历史诉求（${r.sameCaller.length}）`),
        r.sameCaller.length
          ? h('ul', { class: 'cases' }, r.sameCaller.slice(0, 5).map((c) => h('li', {}, h('b', {}, c.id), ` ${formatDateTime(c.receivedAt)} ${STATUS_NAMES[c.status] ?? c.status} · ${c.content.slice(0, 40)}`)))
          : h('p', { class: 'empty' }, '无'),
      )
      similar = r.similar.slice(0, 9).map((s) => s.case)
      if (mergeInto && !similar.some((c) => c.id === mergeInto)) mergeInto = null
      scores = r.similar.slice(0, 9).map((s) => s.similarity)
      drawDuplicates()
    } catch {
      /* hints are a help too */
    }
  }

  function drawDuplicates() {
    clear(
      duplicates,
      h('h3', {}, `疑似重复（${similar.length}）`),
      similar.length
        ? h(
            'ol',
            { class: 'cases' },
            similar.map((c, i) =>
              h(
                'li',
                { class: c.id === mergeInto ? 'merge-target' : '', 'data-case': c.id },
                h('kbd', {}, `Alt+${i + 1}`),
                ' ',
                h('b', {}, c.id),
                ` 相似度 ${Math.round((scores[i] ?? 0) * 100)}% · ${formatDateTime(c.receivedAt)} · ${c.content.slice(0, 40)}`,
                c.id === mergeInto ? h('strong', {}, ' ← 提交后并入此件') : null,
              ),
            ),
          )
        : h('p', { class: 'empty' }, '无'),
    )
  }

  function reset() {
    form.reset()
    suggestion = null
    overruled.clear()
    mergeInto = null
    similar = []
    scores = []
    idempotencyKey = crypto.randomUUID()
    for (const [tag] of TAGS) {
      because[tag].textContent = ''
      selects[tag].classList.remove('overruled', 'urgent')
    }
    extraTags.textContent = ''
    clear(history)
    clear(duplicates)
    clear(status)
    phone.focus()
  }

  async function send() {
    const text = content.value.trim()
    if (!text) {
      clear(status, notice('error', '请填写诉求内容'))
      content.focus()
      return
    }
    submit.setAttribute('disabled', '')
    clear(status, notice('info', '正在提交…'))
    try {
      const body = {
        channel: channel.value,
        receivedAt: new Date().toISOString(),
        content: text,
        ...(phone.value.trim() || name.value.trim() ? { caller: { ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) } } : {}),
        ...(address.value.trim() || district.value.trim() ? { location: { ...(address.value.trim() ? { address: address.value.trim() } : {}), ...(district.value.trim() ? { district: district.value.trim() } : {}) } } : {}),
      }
      const created = await post<CaseView>('/api/v1/cases', body, { 'idempotency-key': idempotencyKey })
      const notes: string[] = []
      for (const [tag, value] of overruled) {
        try {
          await post('/api/v1/corrections', { caseId: created.id, tag, value, reason: '话务员受理时改判' })
        } catch (err) {
          notes.push(`改判未保存：${messageOf(err)}`)
        }
      }
      if (mergeInto) {
        try {
          await post(`/api/v1/cases/${encodeURIComponent(created.id)}/merge`, { primaryId: mergeInto })
          notes.push(`已并入 ${mergeInto}`)
        } catch (err) {
          notes.push(`并单未成功：${messageOf(err)}`)
        }
      }
      const urgent = (overruled.get('urgency') ?? suggestion?.urgency?.value) === '紧急'
      clear(
        result,
        h(
          'div',
          { class: `card receipt${urgent ? ' urgent' : ''}`, role: 'status' },
          h('div', {}, '受理成功，请向来电人复述受理编号：'),
          h('div', { class: 'case-number', id: 'op-case-number' }, created.id),
          h('div', {}, `${formatDateTime(created.receivedAt)} · ${CHANNEL_NAMES[created.channel] ?? created.channel}${urgent ? ' · 紧急件已推送值班员' : ''}`),
          notes.map((n) => h('div', {}, n)),
        ),
      )
      reset()
    } catch (err) {
      clear(status, notice('error', messageOf(err)))
    } finally {
      submit.removeAttribute('disabled')
    }
  }

  content.addEventListener('input', () => {
    if (classifyTimer) clearTimeout(classifyTimer)
    classifyTimer = setTimeout(() => void classify(), 250)
    if (hintsTimer) clearTimeout(hintsTimer)
    hintsTimer = setTimeout(() => void hints(), 600)
  })
  phone.addEventListener('change', () => void hints())
  district.addEventListener('change', () => {
    void hints()
    void classify()
  })
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    void send()
  })
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void send()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      reset()
    } else if (e.altKey && /^[1-9]$/.test(e.key)) {
      const c = similar[Number(e.key) - 1]
      if (!c) return
      e.preventDefault()
      mergeInto = mergeInto === c.id ? null : c.id
      drawDuplicates()
    }
  }
  document.addEventListener('keydown', keys)

  clear(root, h('div', { class: 'operator' }, h('div', { class: 'col-main' }, result, form), h('aside', { class: 'col-side card' }, history, duplicates)))
  channel.focus()
  return () => {
    document.removeEventListener('keydown', keys)
    if (classifyTimer) clearTimeout(classifyTimer)
    if (hintsTimer) clearTimeout(hintsTimer)
  }
}
