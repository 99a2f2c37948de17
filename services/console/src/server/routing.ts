/** The three services the console talks to in distributed mode. */
export type Upstream = 'intake' | 'classifier' | 'escalation'

export const UPSTREAMS: readonly Upstream[] = ['intake', 'classifier', 'escalation']

/** Open311 GeoReport v2 is intake's (services/intake/src/open311/open311-routes.ts). */
export const OPEN311_PREFIX = '/open311/'

/** First path segment after /api/v1/ → the service that answers it (a Map: no `constructor` from a prototype). */
const OWNER_OF_SEGMENT: ReadonlyMap<string, Upstream> = new Map<string, Upstream>([
  ...(['classify', 'classifications', 'corrections', 'classifier'] as const).map((s) => [s, 'classifier'] as const),
  ...(['stats', 'reports', 'overdue', 'notices', 'sla', 'stream', 'emergencies', 'ledger', 'disclosures'] as const).map(
    (s) => [s, 'escalation'] as const,
  ),
])

/** Sub-resources of a case that escalation keeps (its deadlines and 补正 pauses), although they sit under /cases. */
const ESCALATION_CASE_PARTS = new Set(['sla', 'pauses'])

/**
 * Which service owns an API path, the way the README's API table splits
 * them: classifier and escalation by their first segment, a case's `sla`
 * and `pauses` to escalation, everything else under /api/ (cases,
 * channels, import, auth, users, api-keys, webhooks) and Open311 to
 * intake. Anything else (the console's own files, health) is not proxied:
 * null. The query string never matters.
 */
export function upstreamOf(path: string): Upstream | null {
  const end = path.search(/[?#]/)
  const pathname = end === -1 ? path : path.slice(0, end)
  if (pathname.startsWith(OPEN311_PREFIX)) return 'intake'
  if (!pathname.startsWith('/api/')) return null
  const segments = pathname.split('/').filter(Boolean)
  // ['api', 'v1', first, ...rest]; other versions do not exist yet and go to intake, which answers 404.
  if (segments[1] !== 'v1') return 'intake'
  const first = segments[2]
  if (first === undefined) return 'intake'
  if (first === 'cases' && segments.length >= 5 && ESCALATION_CASE_PARTS.has(segments[4]!)) return 'escalation'
  return OWNER_OF_SEGMENT.get(first) ?? 'intake'
}
