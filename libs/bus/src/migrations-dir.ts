import { fileURLToPath } from 'node:url'

/** The bus's own migrations (schema `bus`), applied by libs/db's runner. */
export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url))
