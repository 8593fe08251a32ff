import type { RequestKind } from '../domain/request';

/** One line of a customer request's review: which rule family mayTakeCustomer will check. */
export type CustomerCheck =
  | 'relationship'
  | 'transacting'
  | 'partnership'
  | 'region'
  | 'notSelf'
  | 'notCspTenant'
  | 'notProvidersReseller'
  | 'partnerOfRecord';

/**
 * The checks a customer request must pass before mayTakeCustomer says yes (C2, M1–M3, P5, P6, C7–C10),
 * one review line each, decided here so the review card renders the service's list instead of a copy.
 * The provider relationship (C2) leads for an existing customer; a new customer has none to check yet.
 */
export function customerChecksInOrder(kind: RequestKind): CustomerCheck[] {
  const always: CustomerCheck[] = [
    'transacting',
    'partnership',
    'region',
    'notSelf',
    'notCspTenant',
    'notProvidersReseller',
  ];
  // R1: every order and every change is validated at Partner Center last; a support contact alone is neither.
  const por: CustomerCheck[] = kind === 'designated-support-contact' ? [] : ['partnerOfRecord'];
  return kind === 'new-customer' ? [...always, ...por] : ['relationship', ...always, ...por];
}
