import { ApiError, networkProblem, problemOf } from './problems.ts'
import { clearSession, loadSession } from './session.ts'

/** Called when the services say the session is no longer valid (401). */
let onExpired: () => void = () => {}
export function whenSessionExpires(f: () => void): void {
  onExpired = f
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const s = loadSession()
  return { accept: 'application/json', ...(s ? { authorization: `Bearer ${s.token}` } : {}), ...extra }
}

async function fail(res: Response): Promise<never> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    /* not JSON: the status says enough */
  }
  const problem = problemOf(res.status, body, res.headers.get('retry-after'))
  // A 401 to a signed-in call means the session ended; to the sign-in itself, a wrong password.
  if (res.status === 401 && loadSession()) {
    clearSession()
    onExpired()
  }
  throw new ApiError(problem)
}

/** One API call on the console's own origin; a refusal becomes an ApiError with a Chinese message. */
export async function api<T = unknown>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers: headers(body === undefined ? extra : { 'content-type': 'application/json', ...extra }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    throw new ApiError(networkProblem())
  }
  if (!res.ok) return fail(res)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export const get = <T>(path: string) => api<T>('GET', path)
export const post = <T>(path: string, body: unknown = {}, extra: Record<string, string> = {}) => api<T>('POST', path, body, extra)
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body)

/**
 * Downloads a file the API makes (CSV, XLSX, report text): a plain link
 * cannot carry the Authorization header, so it is fetched and saved.
 */
export async function download(path: string, filename: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(path, { headers: headers({ accept: '*/*' }) })
  } catch {
    throw new ApiError(networkProblem())
  }
  if (!res.ok) return fail(res)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}
