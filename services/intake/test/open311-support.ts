/**
 * Open311 test support: XML answers parsed back (lists always arrays), form
 * bodies, and the inject shortcut over the intake test helper.
 */
import { XMLParser } from 'fast-xml-parser'
import type { IntakeApp } from './helper.ts'

const LISTS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'])
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => LISTS.has(name) })

/** Parses an Open311 XML answer; every value stays a string, as on the wire. */
export function parseXml(xml: string): any {
  return parser.parse(xml)
}

/** An application/x-www-form-urlencoded body. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

export function open311(app: IntakeApp) {
  const server = app.runtime.app
  return {
    get: (path: string) => server.inject({ method: 'GET', url: `/open311/v2${path}` }),
    postForm: (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      server.inject({ method: 'POST', url: `/open311/v2${path}`, headers: { ...FORM, ...headers }, payload: form(fields) }),
    postJson: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      server.inject({ method: 'POST', url: `/open311/v2${path}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) }),
  }
}
