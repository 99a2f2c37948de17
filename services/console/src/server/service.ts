import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { HotlineService, ServiceContext } from '@hotline-hub/platform'
import { CONSOLE_DIST, consoleStatic } from './static.ts'

/** The console as a part of the embedded hub: its pages at /console/; ready once they are built. */
export function consoleService<C>(_ctx: ServiceContext<C>): HotlineService {
  return {
    name: 'console',
    migrate: async () => {},
    routes: async (app) => consoleStatic(app),
    start: async () => {},
    stop: async () => {},
    readiness: async () => {
      const built = existsSync(join(CONSOLE_DIST, 'index.html'))
      return { assets: built ? { ok: true } : { ok: false, detail: 'the console is not built: run pnpm build' } }
    },
  }
}
