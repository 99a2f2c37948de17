import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** services/classifier/ */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The jieba user dictionary of government and city-management terms (data, not code). */
export const DEFAULT_USER_DICT = join(PACKAGE_ROOT, 'data', 'dict', 'user.dict.utf8')

/** Where `train` writes versioned topic models and the CURRENT pointer. */
export const DEFAULT_MODELS_DIR = join(PACKAGE_ROOT, 'models')

/**
 * The TipDM 2020 messages (train/dev/test splits). They live in the shared
 * folder beside the repository (`<repo>/../shared/data/tipdm2020`);
 * HOTLINE_TIPDM_DIR overrides.
 */
export function defaultDataDir(): string {
  return process.env.HOTLINE_TIPDM_DIR ?? join(PACKAGE_ROOT, '..', '..', '..', 'shared', 'data', 'tipdm2020')
}
