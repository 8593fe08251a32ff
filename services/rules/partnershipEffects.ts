import type { RuleId } from './decision';

/**
 * What the chat shows before and after a partnership changes, as data: the catalog holds the
 * words (`rules:grant.<code>`, `rules:removal.<code>`), so Teams, Slack and the audit log agree.
 */

export interface Grant {
  rule: RuleId;
  code: (typeof GRANT_CODES)[number];
}

export const GRANT_CODES = ['orders-and-subscriptions-for-customers'] as const;

/**
 * G3 (supersedes part of P4): what is sure about authorising a distributor. It may submit orders and add
 * subscriptions on behalf of the reseller's customers. The admin access to the reseller's own work account
 * that P4 once promised is left out: since 9 October 2023 relationship links carry no delegated admin
 * rights, and no current Microsoft page confirms that grant.
 */
export function authorisationGrants(): Grant[] {
  return [{ rule: 'G3', code: 'orders-and-subscriptions-for-customers' }];
}

export const ADMIN_ACCESS_CODES = ['not-from-authorising', 'own-gdap-per-customer'] as const;

export interface AdminAccessStep {
  rule: RuleId;
  code: (typeof ADMIN_ACCESS_CODES)[number];
}

/**
 * G3 and G2: what the reseller must do itself for admin access to its customers. Authorising gives no
 * admin access to the customers' tenants; the reseller does not inherit its distributor's GDAP and needs
 * its own GDAP relationship with each customer, approved by that customer's Global admin (G1).
 */
export function adminAccessSteps(): AdminAccessStep[] {
  return [
    { rule: 'G3', code: 'not-from-authorising' },
    { rule: 'G2', code: 'own-gdap-per-customer' },
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
