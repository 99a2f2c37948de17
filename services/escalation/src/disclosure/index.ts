import { TOPICS, type CaseReceived } from '@hotline-hub/contracts'
import { Reloadable } from '@hotline-hub/platform'
import type { EscalationDeps, EscalationModule } from '../module.ts'
import type { DisclosureContext } from './actions.ts'
import { applicantTypeOf } from './form.ts'
import { DEFAULT_DISCLOSURE_POLICY, DisclosurePolicy } from './policy.ts'
import { disclosureRoutes } from './routes.ts'
import { insertDisclosure } from './store.ts'

export { annualReport } from './annual-report.ts'
export { DisclosurePolicy } from './policy.ts'

export interface DisclosureOptions {
  /** The clock of the deadline views (tests inject one). */
  now?: () => Date
}

/**
 * 依申请公开 (政府信息公开条例 2019): a request is tracked from each case of
 * the disclosure-request channel; extension, 补正, third-party consultation
 * and the outcome are recorded here, and the annual report table is built
 * from them. See docs/disclosure.md.
 */
export function createDisclosureModule(deps: EscalationDeps, options: DisclosureOptions = {}): EscalationModule {
  const policy = new Reloadable(() => DisclosurePolicy.load(deps.config.ESCALATION_DISCLOSURE_POLICY ?? DEFAULT_DISCLOSURE_POLICY), 'disclosure-policy')
  const ctx: DisclosureContext = { db: deps.db, calendar: deps.calendar, policy, now: options.now ?? (() => new Date()) }
  // The request starts with the case (in the consumer's transaction); the applicant type comes from the channel's extra fields when it sends one.
  deps.tracker.onChange(async (tx, { before, after, topic, envelope }) => {
    if (before || after.channel !== 'disclosure-request') return
    const extra = topic === TOPICS.caseReceived ? (envelope?.data as CaseReceived | undefined)?.case.extra : undefined
    await insertDisclosure(tx, after.caseId, after.receivedAt, applicantTypeOf(extra?.applicantType))
  })
  return {
    name: 'disclosure',
    routes: (app) => disclosureRoutes(app, ctx),
  }
}
