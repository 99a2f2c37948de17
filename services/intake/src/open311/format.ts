import type { FastifyReply, FastifyRequest } from 'fastify'
import { XMLBuilder } from 'fast-xml-parser'

/** Open311 answers in the format named by the URL's extension. */
export type Format = 'json' | 'xml'
export const FORMATS: readonly Format[] = ['json', 'xml']

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
}

/** The format of a request from its path's extension; JSON when there is none (errors only). */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0]!
  return /\.xml$/i.test(path) ? 'xml' : 'json'
}

/** `HH2026…01.json` → { id, format }; null without a known extension. */
export function splitExtension(file: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file)
  return m ? { id: m[1]!, format: m[2] as Format } : null
}

/**
 * How a document looks in XML: the root element and, for lists, the element
 * of each item (`<services><service>…</service></services>`).
 */
export interface XmlShape {
  root: string
  item?: string
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, processEntities: true })

/**
 * Serializes to Open311 XML. Arrays inside an object become repeated
 * elements named by `listItems` (`keywords` stays a comma list per the spec).
 */
export function toXml(body: unknown, shape: XmlShape, listItems: Record<string, string> = {}): string {
  const content = shape.item ? { [shape.item]: (body as unknown[]).map((x) => xmlValue(x, listItems)) } : xmlValue(body, listItems)
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [shape.root]: content })
}

function xmlValue(v: unknown, listItems: Record<string, string>): unknown {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => xmlValue(x, listItems))
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    const item = listItems[k]
    if (Array.isArray(x) && item) out[k] = { [item]: x.map((y) => xmlValue(y, listItems)) }
    else out[k] = xmlValue(x, listItems)
  }
  return out
}

/** Sends a document in the requested format. */
export function sendFormatted(reply: FastifyReply, format: Format, body: unknown, shape: XmlShape, listItems?: Record<string, string>): FastifyReply {
  reply.type(CONTENT_TYPES[format])
  return reply.send(format === 'json' ? JSON.stringify(body) : toXml(body, shape, listItems))
}

/** The public base URL of the Open311 endpoint, as the client reached it. */
export function endpointUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/open311/v2`
}
