/** The shape of a customer request being put together in Teams (customerDrafts.ts keeps and moves it). */
import type { Customer } from '../domain/customer';
import type { RequestKind, Requester } from '../domain/request';
import type { CustomerAgreementAcceptance } from './customerAgreement';
import type { BillingAddress } from './customerRequest';

export type DraftState = 'open' | 'submitted' | 'cancelled';

/**
 * A request being put together in Teams, step by step as in Partner Center (C3: customer details →
 * subscriptions → review → Submit or Cancel). Kept in the store, not in the card, so the review shows
 * what will be sent, a card can be answered on any instance, and Submit carries nothing but the id.
 */
export interface CustomerDraft {
  id: string;
  kind: RequestKind;
  requester: Requester;
  providerId: string;
  /** New: as entered and validated. Existing: as Partner Center lists it. */
  customer: Customer;
  address?: BillingAddress;
  /** Offers and licences to order, or (reseller-on-record, designated-support-contact) the subscriptions to change. */
  subscriptions: Array<{
    offerId: string;
    offerName?: string;
    licences: number;
    subscriptionId?: string;
    /** licence-change: the count before (R1, NCE1). */
    previousLicences?: number;
    /** An existing subscription's purchase date, for NCE1's window. */
    purchasedAt?: string;
  }>;
  /** add-subscription: the reseller also becomes the designated support contact (C5). */
  supportContact?: boolean;
  /** MCA1: whether the order needs the customer's acceptance asked (a new customer; none on record yet). */
  agreementNeeded?: boolean;
  agreement?: CustomerAgreementAcceptance;
  state: DraftState;
  createdAt: string;
}
