/**
 * The Prisma clients are generated on install (`pnpm generate`) and not
 * committed. This fails when a schema.prisma changed after its client was
 * generated: the client embeds the schema it was built from.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'

for (const svc of ['intake', 'classifier', 'escalation']) {
  t.test(`${svc}: the generated client was built from the current schema.prisma`, async (t) => {
    const schema = readFileSync(new URL(`../../services/${svc}/prisma/schema.prisma`, import.meta.url), 'utf8')
    let generated: string
    try {
      generated = readFileSync(new URL(`../../services/${svc}/src/generated/prisma/internal/class.ts`, import.meta.url), 'utf8')
    } catch {
      t.fail(`services/${svc}/src/generated/prisma is missing: run \`pnpm generate\``)
      return
    }
    const m = /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(generated)
    t.ok(m, 'the generated client embeds its schema')
    // Prisma re-aligns columns in what it embeds: compare with runs of blanks folded.
    const fold = (s: string) => s.replace(/[ \t]+/g, ' ').trim()
    t.equal(fold(JSON.parse(m![1]!)), fold(schema), `services/${svc}/src/generated/prisma is stale: run \`pnpm generate\``)
  })
}
