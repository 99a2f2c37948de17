/**
 * A small JSON client over node:http with a keep-alive agent, for tests that
 * need real concurrency against a listening server (many sockets, requests
 * in flight at the same time), rather than inject().
 */
import http from 'node:http'

export interface JsonResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** The raw body text. */
  text: string
  /** The parsed body, or the text when it is not JSON. */
  body: any
}

export interface JsonClient {
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<JsonResponse>
  get(path: string, headers?: Record<string, string>): Promise<JsonResponse>
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonResponse>
  /** Closes the agent's sockets. */
  close(): void
}

/** A client for `base` (http://127.0.0.1:port) with at most `sockets` connections. */
export function jsonClient(base: string, sockets = 64): JsonClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const url = new URL(base)
  const request: JsonClient['request'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body))
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let body: unknown = text
            try {
              body = JSON.parse(text)
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body })
          })
        },
      )
      req.on('error', reject)
      if (payload) req.write(payload)
      req.end()
    })
  return {
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body, headers }),
    close: () => agent.destroy(),
  }
}
