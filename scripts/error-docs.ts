/** Writes services/<svc>/docs/errors.md from each service's error catalog. */
import { writeFileSync } from 'node:fs'
import { renderErrorDocs } from '@hotline-hub/platform'
import { errors as intake } from '../services/intake/src/errors.ts'
import { errors as classifier } from '../services/classifier/src/errors.ts'
import { errors as escalation } from '../services/escalation/src/errors.ts'
import { errors as consoleServer } from '../services/console/src/server/proxy-server.ts'

export const CATALOGS = { intake, classifier, escalation, console: consoleServer }

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const [svc, catalog] of Object.entries(CATALOGS)) {
    const file = new URL(`../services/${svc}/docs/errors.md`, import.meta.url)
    writeFileSync(file, renderErrorDocs(svc, catalog))
    console.log(`wrote ${file.pathname}`)
  }
}
