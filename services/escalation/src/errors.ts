import { defineErrorCatalog } from '@hotline-hub/platform'

/**
 * The escalation service's error catalog. Codes are stable: a code that is
 * retired goes to the retired list and is never reused. docs/errors.md
 * lists every code; a test keeps the two in sync.
 */
export const errors = defineErrorCatalog('ESCALATION', {}, [])
