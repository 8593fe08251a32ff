/**
 * The ids the readiness listeners match on (bot/features/readiness.ts): a reseller's "Ready?" in `/csp
 * resellers` and Details in the App Home; Previous and Next under the App Home's resellers (two ids, as
 * Slack wants every action id of a block apart; the button's value is the page it leads to).
 */
export const READINESS_ACTION = {
  reseller: 'readiness.reseller',
  previousPage: 'readiness.home.previous',
  nextPage: 'readiness.home.next',
} as const;
