import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** Where `pnpm build` (services/console/build.mjs) writes the console. */
export const CONSOLE_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')

/**
 * Serves the built console under /console/ (index.html not cached, every
 * other asset by ETag). All assets are the system's own: no CDN, so it works
 * on an intranet with no internet at all.
 */
export async function consoleStatic(app: FastifyInstance, o: { root?: string } = {}): Promise<void> {
  const root = o.root ?? CONSOLE_DIST
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'the console is not built (run `pnpm build`); /console answers 503')
    app.get('/console', { config: { roles: 'public' } }, async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('操作台尚未构建：请先运行 pnpm build (the console is not built: run pnpm build)'),
    )
    return
  }
  app.get('/console', { config: { roles: 'public' } }, async (_request, reply) => reply.redirect('/console/'))
  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=3600')
      reply.header('x-content-type-options', 'nosniff')
    },
  })
}
