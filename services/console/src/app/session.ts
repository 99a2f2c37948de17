/** 登录会话: kept in sessionStorage, so closing the browser ends it; it also ends when the token expires. */
export interface Session {
  token: string
  username: string
  role: string
  department: string | null
  expiresAt: string
}

const KEY = 'hotline-hub.session'

export function loadSession(now = Date.now()): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null
    if (!s || typeof s.token !== 'string' || new Date(s.expiresAt).getTime() <= now) return null
    return s
  } catch {
    return null
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s))
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY)
}
