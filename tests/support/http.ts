import type { Spawned } from './spawn.ts'

/** The address a spawned runtime listens on, read from its pino start-up line. */
export async function listeningUrl(p: Spawned, timeoutMs = 60_000): Promise<string> {
  const m = await p.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs)
  return m[1]!
}

export interface JsonAnswer {
  status: number
  headers: Headers
  body: any
}

async function answer(res: Response): Promise<JsonAnswer> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body }
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  return answer(await fetch(url, { headers }))
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  return answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }))
}
