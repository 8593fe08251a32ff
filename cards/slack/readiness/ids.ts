/** The id the readiness listener matches on (bot/features/readiness.ts): a reseller's "Ready?" in `/csp resellers`. */
export const READINESS_ACTION = { reseller: 'readiness.reseller' } as const;
