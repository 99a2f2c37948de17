// Fails when a service's prisma/schema.prisma and its migrations/*.sql disagree.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { fixtureMigrations, fixtureSchema } from '../test-support/prisma-fixture.ts'
import { checkSchemaDrift } from '../src/index.ts'

const services = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../services')

for (const service of ['intake', 'classifier', 'escalation']) {
  t.test(`${service}: schema.prisma and migrations agree`, async (t) => {
    const diffs = await checkSchemaDrift(path.join(services, service, 'prisma', 'schema.prisma'), path.join(services, service, 'migrations'))
    t.strictSame(diffs, [], diffs.length ? `drift in ${service}:\n${diffs.join('\n')}` : 'no drift')
  })
}

t.test('libs/db test fixture: schema.prisma and migrations agree', async (t) => {
  t.strictSame(await checkSchemaDrift(fixtureSchema, fixtureMigrations), [])
})
