// Prisma CLI configuration for this service (Prisma 7). Only `prisma generate`
// is used: run it through libs/db/bin/prisma-generate.mjs (the `generate`
// script), which works without the network. Migrations are plain SQL in
// ../migrations, applied by migrate() from @hotline-hub/db.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: './schema.prisma',
})
