import t from 'tap'
import { readFileSync } from 'node:fs'
import { renderErrorDocs } from '@hotline-hub/platform'
import { CATALOGS } from '../../scripts/error-docs.ts'

for (const [svc, catalog] of Object.entries(CATALOGS)) {
  t.test(`${svc}: docs/errors.md is generated from the catalog`, async (t) => {
    const docs = readFileSync(new URL(`../../services/${svc}/docs/errors.md`, import.meta.url), 'utf8')
    t.equal(docs, renderErrorDocs(svc, catalog), 'run `pnpm docs:errors` after changing src/errors.ts')
  })
  t.test(`${svc}: codes carry the service prefix and bilingual messages`, async (t) => {
    const prefix = `${svc.toUpperCase()}_ERR_`
    for (const { code, spec } of catalog.list()) {
      t.ok(code.startsWith(prefix), `${code} starts with ${prefix}`)
      t.match(spec.zh, /[\u4e00-\u9fff]/, `${code} has a Chinese message`)
      t.ok(spec.en.length > 0, `${code} has an English message`)
      t.ok(spec.status >= 400 && spec.status < 600, `${code} is an HTTP error status`)
      t.notOk(catalog.retired.includes(code), `${code} is not a retired code`)
    }
  })
}
