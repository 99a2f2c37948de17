import { join } from 'node:path'
import { openDb } from '@hotline-hub/db'
import { topicFeedback } from '../classify/corrections.ts'
import { TopicDataError, type LabelledText } from '../topic/dataset.ts'
import { PACKAGE_ROOT } from '../topic/paths.ts'

/**
 * The duty officers' topic corrections (改判) stored by the running system:
 * DATABASE_URL, or else the embedded database in DATA_DIR (default
 * `<repo>/data`, where `pnpm start` keeps it). The latest correction of each
 * text; labels outside the model's are refused.
 */
export async function readCorrectionsFromDb(labels: readonly string[], env: Record<string, string | undefined> = process.env): Promise<LabelledText[]> {
  const db = await openDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR || join(PACKAGE_ROOT, '..', '..', 'data') })
  try {
    const [exists] = await db.query<{ t: string | null }>(`SELECT to_regclass('classifier.corrections')::text AS t`)
    if (!exists?.t) throw new TopicDataError('the database has no classifier.corrections table: start the system once (pnpm start) or point DATABASE_URL/DATA_DIR at it')
    const rows = await topicFeedback(db)
    return rows.map((r) => {
      if (!labels.includes(r.label)) throw new TopicDataError(`correction of case ${r.caseId ?? '(ad hoc)'}: unknown label ${r.label}`)
      return { text: r.text, label: r.label, source: 'feedback' }
    })
  } finally {
    await db.close()
  }
}
