/** One problem found in a channel payload, named by the JSON pointer of the field the integrator sent. */
export interface PayloadIssue {
  /** e.g. `/ldsj`, `/writer/phone`; `''` for the payload itself. */
  pointer: string
  message: string
}

/**
 * A payload that does not fit its channel: schema violations, impossible
 * dates, an unknown channel. Nothing is stored when it is thrown.
 */
export class AdapterError extends Error {
  readonly issues: PayloadIssue[]
  readonly channel: string | undefined
  constructor(issues: PayloadIssue[], channel?: string) {
    const where = channel ? `${channel} payload` : 'payload'
    super(`invalid ${where}: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`)
    this.name = 'AdapterError'
    this.issues = issues
    this.channel = channel
  }
}
