import type { CaseFacts } from '../tracking/case-facts.ts'

/** 首次联系 first contact (the response deadline's end): 签收, or failing that the reply or the closing. */
export const firstContactOf = (f: Pick<CaseFacts, 'acceptedAt' | 'repliedAt' | 'closedAt'>): Date | null => f.acceptedAt ?? f.repliedAt ?? f.closedAt
