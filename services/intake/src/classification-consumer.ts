import { TOPICS, type CaseClassified } from '@hotline-hub/contracts'
import type { Bus, Subscription } from '@hotline-hub/bus'

/**
 * case.classified.v1 → the case shows its tags and their explanations.
 * Topic, urgency and appeal type fill the case's own columns only where the
 * channel or the operator left them empty: a machine's guess does not
 * overrule a person's choice. A person's correction (改判, `override`) does
 * replace the tags it names.
 */
export function consumeClassifications(bus: Bus): Promise<Subscription> {
  return bus.subscribe({
    group: 'intake',
    topics: [TOPICS.caseClassified],
    processedTable: 'intake.processed_events',
    handler: async (event, tx) => {
      const c = event.envelope.data as CaseClassified
      const by = new Set(c.override?.tags ?? [])
      await tx.query(
        `UPDATE intake.cases SET classification = $2::jsonb,
            topic = CASE WHEN $6 THEN $3 ELSE COALESCE(topic, $3) END,
            urgency = CASE WHEN $7 THEN $4 ELSE COALESCE(urgency, $4) END,
            appeal_type = CASE WHEN $8 THEN $5 ELSE COALESCE(appeal_type, $5) END,
            updated_at = now()
          WHERE id = $1`,
        [event.envelope.caseId, JSON.stringify(c), c.topic.value, c.urgency.value, c.appealType.value, by.has('topic'), by.has('urgency'), by.has('appealType')],
      )
    },
  })
}
