/**
 * 视图与角色: which view each role may open. The console hides what a role
 * may not use, and the services refuse it anyway (every API checks roles).
 */
export type ViewId = 'operator' | 'duty' | 'leader' | 'department'

export interface ViewInfo {
  id: ViewId
  title: string
  roles: readonly string[]
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'operator', title: '受理', roles: ['operator', 'duty_officer', 'admin'] },
  { id: 'duty', title: '值班', roles: ['duty_officer', 'admin'] },
  { id: 'leader', title: '统计', roles: ['leader', 'admin'] },
  { id: 'department', title: '承办', roles: ['department', 'admin'] },
]

export function canOpen(role: string, view: ViewId): boolean {
  return VIEWS.some((v) => v.id === view && v.roles.includes(role))
}

/** The views a role sees in its menu, in menu order. */
export function viewsOf(role: string): ViewInfo[] {
  return VIEWS.filter((v) => v.roles.includes(role))
}

/** Where a role lands after signing in. */
export function homeOf(role: string): ViewId | null {
  const home: Record<string, ViewId> = { operator: 'operator', duty_officer: 'duty', leader: 'leader', department: 'department', admin: 'duty' }
  return home[role] ?? null
}

/** `#/leader` → 'leader'; anything else → null. */
export function viewOfHash(hash: string): ViewId | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : null
}
