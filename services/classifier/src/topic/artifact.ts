import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { TopicModelData } from './model.ts'
import { activeBuckets } from './scoring-table.ts'
import { TOPIC_MODEL_FORMAT } from './train.ts'

/**
 * The artifact of one model version: `topic-<version>.json` (everything a
 * person reads: labels, parameters, feature configuration, training record,
 * dev metrics, scales) and `topic-<version>.bin.gz` (the numbers). The
 * binary holds only the buckets that survived min-df, little-endian:
 *   Uint32 bucket[M] · Int16 row[M × (1 + K)]   (row = idf, then K weights)
 * `models/CURRENT` names the version in use.
 */
export interface TopicArtifactHeader extends Omit<TopicModelData, 'table'> {
  format: typeof TOPIC_MODEL_FORMAT
  table: {
    bits: number
    idfScale: number
    weightScales: number[]
    bias: number[]
  }
  binary: {
    file: string
    sha256: string
    bytes: number
    buckets: number
    encoding: 'int16'
  }
}

export class TopicArtifactError extends Error {
  override name = 'TopicArtifactError'
}

export interface SavedArtifact {
  version: string
  headerPath: string
  binaryPath: string
  /** Bytes on disk, header and binary together. */
  bytes: number
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`
  writeFileSync(tmp, data)
  renameSync(tmp, path)
}

/** Writes the artifact into `dir`; with `setCurrent`, points `dir`/CURRENT at it. */
export function saveTopicModel(data: TopicModelData, dir: string, options: { setCurrent?: boolean } = {}): SavedArtifact {
  mkdirSync(dir, { recursive: true })
  const { table, ...rest } = data
  const S = table.classes + 1
  const buckets = activeBuckets(table)
  const M = buckets.length
  const rows = new Int16Array(M * S)
  for (let r = 0; r < M; r++) rows.set(table.cells.subarray(buckets[r]! * S, buckets[r]! * S + S), r * S)
  const gz = gzipSync(Buffer.concat([Buffer.from(buckets.buffer, 0, buckets.byteLength), Buffer.from(rows.buffer, 0, rows.byteLength)]), { level: 9 })
  const binaryName = `topic-${data.version}.bin.gz`
  const header: TopicArtifactHeader = {
    format: TOPIC_MODEL_FORMAT,
    ...rest,
    table: { bits: table.bits, idfScale: table.idfScale, weightScales: table.weightScales, bias: table.bias },
    binary: { file: binaryName, sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length, buckets: M, encoding: 'int16' },
  }
  const binaryPath = join(dir, binaryName)
  const headerPath = join(dir, `topic-${data.version}.json`)
  writeAtomic(binaryPath, gz)
  writeAtomic(headerPath, `${JSON.stringify(header, null, 2)}\n`)
  if (options.setCurrent) writeAtomic(join(dir, 'CURRENT'), `${data.version}\n`)
  return { version: data.version, headerPath, binaryPath, bytes: statSync(headerPath).size + gz.length }
}

/**
 * The header path of a model: `path` may be a header file, or a directory
 * with a CURRENT file naming the version.
 */
export function resolveHeaderPath(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const current = join(path, 'CURRENT')
    if (!existsSync(current)) throw new TopicArtifactError(`no CURRENT file in ${path}: train a model first (pnpm --filter @hotline-hub/classifier train)`)
    const version = readFileSync(current, 'utf8').trim()
    if (!/^[\w.-]+$/.test(version)) throw new TopicArtifactError(`${current} does not name a version`)
    return join(path, `topic-${version}.json`)
  }
  if (!existsSync(path)) throw new TopicArtifactError(`topic model not found: ${path}`)
  return path
}

/** Reads and checks an artifact, expanding its rows into the dense scoring table. */
export function readTopicModel(path: string): TopicModelData {
  const headerPath = resolveHeaderPath(path)
  let header: TopicArtifactHeader
  try {
    header = JSON.parse(readFileSync(headerPath, 'utf8')) as TopicArtifactHeader
  } catch (e) {
    throw new TopicArtifactError(`${headerPath}: ${(e as Error).message}`)
  }
  if (header.format !== TOPIC_MODEL_FORMAT) throw new TopicArtifactError(`${headerPath}: format ${String(header.format)}, expected ${TOPIC_MODEL_FORMAT}`)
  const binaryPath = join(dirname(headerPath), basename(header.binary.file))
  if (!existsSync(binaryPath)) throw new TopicArtifactError(`weights file missing: ${binaryPath}`)
  const gz = readFileSync(binaryPath)
  if (createHash('sha256').update(gz).digest('hex') !== header.binary.sha256) throw new TopicArtifactError(`${binaryPath}: checksum does not match its header`)
  const raw = gunzipSync(gz)
  const K = header.labels.length
  const S = K + 1
  const M = header.binary.buckets
  if (raw.length !== M * 4 + M * S * 2) throw new TopicArtifactError(`${binaryPath}: ${raw.length} bytes, expected ${M * 4 + M * S * 2}`)
  const aligned = new Uint8Array(raw) // a fresh, aligned buffer
  const buckets = new Uint32Array(aligned.buffer, 0, M)
  const rows = new Int16Array(aligned.buffer, M * 4, M * S)
  const { bits } = header.table
  const dim = 2 ** bits
  const cells = new Int16Array(dim * S)
  for (let r = 0; r < M; r++) {
    const b = buckets[r]!
    if (b >= dim) throw new TopicArtifactError(`${binaryPath}: bucket ${b} out of range`)
    cells.set(rows.subarray(r * S, r * S + S), b * S)
  }
  const { format: _format, table, binary: _binary, ...rest } = header
  return { ...rest, table: { classes: K, bits, cells, idfScale: table.idfScale, weightScales: table.weightScales, bias: table.bias } }
}
