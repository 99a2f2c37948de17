import { post, whenSessionExpires } from './api.ts'
import { clear, h, notice } from './dom.ts'
import { ROLE_NAMES } from './labels.ts'
import { messageOf } from './problems.ts'
import { canOpen, homeOf, viewOfHash, viewsOf, type ViewId } from './roles.ts'
import { clearSession, loadSession, saveSession, type Session } from './session.ts'
import { operatorView } from './views/operator.ts'
import { dutyView } from './views/duty.ts'
import { leaderView } from './views/leader.ts'
import { departmentView } from './views/department.ts'

/** A view draws itself into `root` and returns what stops its timers and streams. */
export type View = (root: HTMLElement, session: Session) => () => void

const VIEWS: Record<ViewId, View> = { operator: operatorView, duty: dutyView, leader: leaderView, department: departmentView }

const app = document.getElementById('app')!
let stopView: () => void = () => {}
let expiryTimer: ReturnType<typeof setTimeout> | null = null

function signOut(message?: string) {
  const s = loadSession()
  if (s) void post('/api/v1/auth/logout').catch(() => {})
  clearSession()
  renderLogin(message)
}

whenSessionExpires(() => renderLogin('登录已过期，请重新登录'))

function renderLogin(message?: string) {
  stopView()
  stopView = () => {}
  if (expiryTimer) clearTimeout(expiryTimer)
  if (location.hash !== '#/login') history.replaceState(null, '', '#/login')
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true })
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })
  const status = h('div', { class: 'status' }, message ? notice('info', message) : null)
  const submit = h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, '登录')
  const form = h(
    'form',
    { class: 'login card', id: 'login-form' },
    h('h1', {}, '12345 热线受理与督办平台'),
    h('label', { for: 'login-username' }, '用户名'),
    username,
    h('label', { for: 'login-password' }, '密码'),
    password,
    submit,
    status,
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    submit.setAttribute('disabled', '')
    try {
      const r = await post<{ token: string; expiresAt: string; role: string; department: string | null }>('/api/v1/auth/login', { username: username.value.trim(), password: password.value })
      const session: Session = { token: r.token, username: username.value.trim(), role: r.role, department: r.department, expiresAt: r.expiresAt }
      saveSession(session)
      const home = homeOf(r.role)
      if (!home) {
        clearSession()
        clear(status, notice('error', '该账号不能使用操作台'))
        return
      }
      location.hash = `#/${home}`
      route()
    } catch (err) {
      clear(status, notice('error', messageOf(err)))
    } finally {
      submit.removeAttribute('disabled')
    }
  })
  clear(app, form)
  username.focus()
}

function route() {
  const session = loadSession()
  if (!session) return renderLogin(location.hash && location.hash !== '#/login' ? '请先登录' : undefined)
  const wanted = viewOfHash(location.hash) ?? homeOf(session.role)
  stopView()
  stopView = () => {}
  if (expiryTimer) clearTimeout(expiryTimer)
  expiryTimer = setTimeout(() => signOut('登录已过期，请重新登录'), Math.max(0, new Date(session.expiresAt).getTime() - Date.now()))

  const nav = h(
    'nav',
    {},
    viewsOf(session.role).map((v) => h('a', { href: `#/${v.id}`, class: v.id === wanted ? 'active' : '', id: `nav-${v.id}` }, v.title)),
  )
  const header = h(
    'header',
    { class: 'top' },
    h('strong', { class: 'brand' }, '12345 热线受理与督办平台'),
    nav,
    h('span', { class: 'who' }, `${ROLE_NAMES[session.role] ?? session.role}${session.department ? ` · ${session.department}` : ''} · ${session.username}`),
    h('button', { type: 'button', id: 'logout', onclick: () => signOut() }, '退出'),
  )
  const main = h('main', { id: 'view' })
  clear(app, header, h('div', { id: 'banners', 'aria-live': 'assertive' }), main)
  if (!wanted || !canOpen(session.role, wanted)) {
    clear(main, h('section', { class: 'card forbidden', id: 'forbidden' }, h('h2', {}, '无权访问'), h('p', {}, `当前角色（${ROLE_NAMES[session.role] ?? session.role}）不能打开此页面。`)))
    return
  }
  document.title = `${viewsOf(session.role).find((v) => v.id === wanted)?.title ?? ''} · 12345 热线受理与督办平台`
  stopView = VIEWS[wanted](main, session)
}

window.addEventListener('hashchange', route)
route()
