import { TOPICS, type CaseLifecycle, type CaseReceived, type Channel, type EventEnvelope } from '@hotline-hub/contracts'

/**
 * Events an integrator can subscribe to (集成方回调), by their envelope type:
 * case status changes, and escalation's alerts (预警, 超期, emergency triggers)
 * and approved emergency reports.
 */
export const WEBHOOK_EVENTS = ['case.received', 'case.lifecycle', 'alert.raised', 'emergency.report'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** Topics the webhook consumer reads. */
export const WEBHOOK_TOPICS = [TOPICS.caseReceived, TOPICS.caseLifecycle, TOPICS.alertRaised, TOPICS.emergencyReport]

/**
 * The channel (渠道) of the case an event is about: case.received carries
 * the case, case.lifecycle names it in its details. Undefined when the event
 * does not say (alerts and reports are not about one channel); such events
 * only reach subscriptions for every channel.
 */
export function channelOf(envelope: EventEnvelope): Channel | undefined {
  if (envelope.type === 'case.received') return (envelope.data as CaseReceived).case?.channel
  if (envelope.type === 'case.lifecycle') {
    const channel = (envelope.data as CaseLifecycle).details?.channel
    return typeof channel === 'string' ? (channel as Channel) : undefined
  }
  return undefined
}
