import { readFileSync } from 'node:fs'
import t from 'tap'
import type { TSchema } from '@sinclair/typebox'
import { ADAPTERS } from '../src/adapters/index.ts'

const doc = readFileSync(new URL('../docs/channels.md', import.meta.url), 'utf8')

/** Dotted names of every payload field, nested objects included. */
function fieldNames(schema: TSchema, prefix = ''): string[] {
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([name, sub]) => [
    `${prefix}${name}`,
    ...(sub.type === 'object' ? fieldNames(sub, `${prefix}${name}.`) : []),
  ])
}

for (const adapter of Object.values(ADAPTERS)) {
  t.test(`docs/channels.md documents every ${adapter.channel} field`, async (t) => {
    const start = doc.indexOf(`— \`${adapter.channel}\``)
    t.ok(start > 0, 'has a section')
    const next = doc.indexOf('\n## ', start)
    const section = doc.slice(start, next < 0 ? undefined : next)
    for (const name of fieldNames(adapter.schema)) t.match(section, `| \`${name}\` |`, name)
    t.match(section, '```json', 'shows an example')
  })
}
