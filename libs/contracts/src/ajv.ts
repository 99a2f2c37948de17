import { Ajv, type Options } from 'ajv'
import addFormatsImport from 'ajv-formats'

// ajv-formats' default export is typed for CommonJS; under NodeNext it is the function itself.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

/** An ajv instance with the standard formats (date-time, uuid, uri …): the one way the project builds validators. */
export function createAjv(options: Options): Ajv {
  return addFormats(new Ajv(options))
}
