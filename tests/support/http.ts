import type { Spawned } from './spawn.ts'

/** The address a spawned runtime listens on, read from its pino start-up line. */
export async function listeningUrl(p: Spawned, timeoutMs = 60_000): Promise<string> {
  const m = await p.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs)
  return m[1]!
}

export async function getJson(url: string): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url)
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body }
}
