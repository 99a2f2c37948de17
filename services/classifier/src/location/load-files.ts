import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DataFileError, loadDataFile } from '@hotline-hub/platform'
import { CityFileSchema, PatternFileSchema, type CityFile, type PatternFile } from './schema.ts'
import { positionOf } from './line-of.ts'

/** The file of pattern rules and word lists; every other *.yaml of the folder is a city. */
export const PATTERN_FILE = 'patterns.yaml'

export interface LoadedFile<T> {
  path: string
  /** The file's text, to point at lines after the schema check. */
  text: string
  data: T
}

export interface GazetteerFiles {
  cities: LoadedFile<CityFile>[]
  patterns?: LoadedFile<PatternFile>
  /** sha256 over the files' bytes (in file-name order), first 12 hex digits. */
  version: string
}

/**
 * Reads and validates the gazetteer folder: every `<city id>.yaml` (only the
 * ids in `cities`, when given) and `patterns.yaml`. Throws DataFileError.
 */
export function loadGazetteerFiles(dir: string, cities?: readonly string[]): GazetteerFiles {
  let names: string[]
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
  } catch (err) {
    throw new DataFileError(dir, 0, 0, `cannot read the gazetteer folder: ${(err as Error).message}`)
  }
  const cityNames = names.filter((f) => f !== PATTERN_FILE)
  if (cities) {
    for (const id of cities) {
      if (!cityNames.includes(`${id}.yaml`)) throw new DataFileError(join(dir, `${id}.yaml`), 0, 0, `no gazetteer for city "${id}" in ${dir}`)
    }
  }
  const chosen = cities ? cityNames.filter((f) => cities.includes(basename(f, '.yaml'))) : cityNames
  const hash = createHash('sha256')
  const out: GazetteerFiles = { cities: [], version: '' }
  for (const f of names) {
    if (f !== PATTERN_FILE && !chosen.includes(f)) continue
    const path = join(dir, f)
    const bytes = readFileSync(path)
    hash.update(bytes)
    const text = bytes.toString('utf8')
    if (f === PATTERN_FILE) {
      out.patterns = { path, text, data: loadDataFile(path, PatternFileSchema) }
      continue
    }
    const data = loadDataFile(path, CityFileSchema)
    const id = basename(f, '.yaml')
    if (data.city.id !== id) {
      const at = positionOf(text, data.city.id)
      throw new DataFileError(path, at.line, at.column, `city id "${data.city.id}" differs from the file name: call it ${data.city.id}.yaml or set id: ${id}`, '/city/id')
    }
    out.cities.push({ path, text, data })
  }
  out.version = hash.digest('hex').slice(0, 12)
  return out
}
