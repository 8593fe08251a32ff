import type { RuleId } from './decision';

/**
 * What the chat shows before and after a partnership changes, as data: the catalog holds the
 * words (`rules:grant.<code>`, `rules:removal.<code>`), so Teams, Slack and the audit log agree.
 */

export interface Grant {
  rule: RuleId;
  code: (typeof GRANT_CODES)[number];
  /** Whether the reseller may take this back later without ending the partnership. */
  revocableWithoutEndingPartnership: boolean;
}

export const GRANT_CODES = ['orders-and-subscriptions-for-customers', 'admin-access-to-work-account'] as const;

/**
 * P4: authorising an indirect provider lets it submit orders and add subscriptions on behalf of
 * the reseller's customers, and grants it admin access to the reseller's work account; the
 * reseller may remove that admin access later in the Office 365 admin portal without ending the
 * partnership.
 */
export function authorisationGrants(): Grant[] {
  return [
    { rule: 'P4', code: 'orders-and-subscriptions-for-customers', revocableWithoutEndingPartnership: false },
    { rule: 'P4', code: 'admin-access-to-work-account', revocableWithoutEndingPartnership: true },
  ];
}

export const REMOVAL_CODES = [
  'customers-stay',
  'delegated-admin-privileges-stay',
  'good-faith-representation',
  'legal-notice-is-providers',
  'partner-center-notifies-no-one',
  'reseller-leaves-list',
  'consider-telling-reseller-and-customers',
  'assistant-tells-reseller-if-you-choose',
] as const;

export interface RemovalConsequence {
  rule: RuleId;
  code: (typeof REMOVAL_CODES)[number];
  /** effect: what Partner Center does; obligation: what the provider takes on; advice: what it may want to do. */
  kind: 'effect' | 'obligation' | 'advice';
}

/**
 * P7 (001, "Remove partnership"): what removing a partnership does and does not do, for the provider
 * to confirm knowingly. The customers and delegated admin privileges stay; the provider represents
 * good faith and agrees to defend and hold Microsoft harmless; legal notice is the provider's to
 * give, because Partner Center notifies no one. The assistant adds one thing of its own: it tells the
 * reseller in Teams if, and only if, the provider asks it to.
 */
export function removalConsequences(): RemovalConsequence[] {
  return [
    { rule: 'P7', code: 'customers-stay', kind: 'effect' },
    { rule: 'P7', code: 'delegated-admin-privileges-stay', kind: 'effect' },
    { rule: 'P7', code: 'reseller-leaves-list', kind: 'effect' },
    { rule: 'P7', code: 'partner-center-notifies-no-one', kind: 'effect' },
    { rule: 'P7', code: 'good-faith-representation', kind: 'obligation' },
    { rule: 'P7', code: 'legal-notice-is-providers', kind: 'obligation' },
    { rule: 'P7', code: 'consider-telling-reseller-and-customers', kind: 'advice' },
    { rule: 'P7', code: 'assistant-tells-reseller-if-you-choose', kind: 'advice' },
  ];
}
