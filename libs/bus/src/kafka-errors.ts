/** Raised when the brokers in KAFKA_BROKERS cannot be reached at start-up. */
export class KafkaUnavailableError extends Error {
  readonly retriable = true
  readonly variable = 'KAFKA_BROKERS'
  constructor(brokers: readonly string[], cause: unknown) {
    super(`KAFKA_BROKERS=${brokers.join(',')} cannot be reached: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'KafkaUnavailableError'
  }
}
