import { TOPICS, type CaseClassified } from '@hotline-hub/contracts'
import type { Bus, Subscription } from '@hotline-hub/bus'

/**
 * case.classified.v1 → the case shows its tags and their explanations.
 * Topic, urgency and appeal type fill the case's own columns only where the
 * channel or the operator left them empty: a person's choice is not overruled.
 */
export function consumeClassifications(bus: Bus): Promise<Subscription> {
  return bus.subscribe({
    group: 'intake',
    topics: [TOPICS.caseClassified],
    processedTable: 'intake.processed_events',
    handler: async (event, tx) => {
      const c = event.envelope.data as CaseClassified
      await tx.query(
        `UPDATE intake.cases SET classification = $2::jsonb,
            topic = COALESCE(topic, $3), urgency = COALESCE(urgency, $4), appeal_type = COALESCE(appeal_type, $5),
            updated_at = now()
          WHERE id = $1`,
        [event.envelope.caseId, JSON.stringify(c), c.topic.value, c.urgency.value, c.appealType.value],
      )
    },
  })
}
