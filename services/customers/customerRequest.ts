/**
 * What a customer request is, as the store keeps it and the services pass it around (C3, C5, C6, P9):
 * the inputs a reseller gives, the stored request, the outcomes the services answer with, and the
 * store keys. One file of shapes, so the requests, the decisions and the drafts share them without
 * importing each other.
 */
import { z } from 'zod';
import type { PartnerRequest, RequestKind } from '../domain/request';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import type { PartnershipService } from '../partnerships/partnershipService';
import type { Refusal } from '../partnerships/types';
import type { RegionTable } from '../rules/regionTable';
import type { AtomicStore } from '../storage/atomicStore';
import type { CustomerAgreementAcceptance } from './customerAgreement';
import type { PorCheck } from './partnerOfRecord';

/** The billing address Partner Center requires for a new customer (C3). */
export const billingAddressSchema = z.object({
  line1: z.string().trim().min(1, { message: 'validation.address-missing' }).max(200),
  city: z.string().trim().min(1, { message: 'validation.city-missing' }).max(100),
  postalCode: z.string().trim().max(20).optional(),
});
export type BillingAddress = z.infer<typeof billingAddressSchema>;

export interface NewCustomerInput {
  providerId: string;
  customer: { companyName: string; domain: string; country: string; adminEmail: string };
  address: BillingAddress;
  subscriptions: Array<{ offerId: string; offerName?: string; licences: number }>;
  /** MCA1: the customer's acceptance of the Microsoft Customer Agreement, as entered; required. */
  agreement?: unknown;
}

/** What a reseller asks for an existing customer (C5, C6): the same request and approval path as a new one. */
export type ExistingCustomerKind = Exclude<RequestKind, 'new-customer'>;

export interface ExistingCustomerInput {
  providerId: string;
  kind: ExistingCustomerKind;
  customerTenantId: string;
  /**
   * add-subscription: the offers and licences to order. reseller-on-record and
   * designated-support-contact: the existing subscriptions (`subscriptionId`) to act on.
   */
  subscriptions: Array<{
    offerId: string;
    offerName?: string;
    licences: number;
    subscriptionId?: string;
    purchasedAt?: string;
  }>;
  /** add-subscription: also make the reseller the new subscriptions' designated support contact (C5). */
  supportContact?: boolean;
  /** MCA1, add-subscription: the acceptance, when Partner Center has none for this customer yet. */
  agreement?: unknown;
}

/** A request as stored: never the temporary password, never the admin user name (C3). */
export interface CustomerRequest extends PartnerRequest {
  /** Only for a new customer (C3). */
  address?: BillingAddress;
  /** MCA1: the acceptance the reseller gave, attested at approval before any order. */
  agreement?: CustomerAgreementAcceptance;
  /** Where the distributor's approval message is, so it can be updated (Slack channel and ts). */
  message?: { channel: string; ts: string };
  /** R1: the last partner-of-record validation (at submission, then at approval). */
  partnerOfRecord?: PorCheck;
  /** What Partner Center created or changed on approval. */
  result?: { customerTenantId: string; customerDomain: string; subscriptionIds: string[] };
  /** Why Partner Center could not do it after approval (an error code, no secret). */
  failure?: string;
  /**
   * The intent of an approval not yet carried out in Partner Center, recorded in the same write that
   * approves (issue 13 point 4): the MS-RequestIds to call with (the customer's first for a new
   * customer, then one per subscription) and until when the instance that approved is working on it.
   * Cleared once the result or the failure is recorded; a recovery pass finishes what a crash left.
   */
  intent?: { requestIds: string[]; leaseUntil: string };
}

/**
 * What the approving rep alone sees, once (C3). Returned, never stored, never logged. No password when
 * Partner Center could not show it again (an approval finished after a crash): the rep resets it instead.
 */
export interface OneTimeCredentials {
  adminUserName: string;
  temporaryPassword?: string;
}

/** An approval a crash left unfinished, now carried out (or failed) by the recovery pass. */
export interface ResumedApproval {
  request: CustomerRequest;
  credentials?: OneTimeCredentials;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** `created` is false when a request with this id was already there (a second click, a retried turn). */
export type SubmitOutcome = { ok: true; value: CustomerRequest; created: boolean } | { ok: false; refusal: Refusal };

export type DecideOutcome<T> =
  | { ok: true; request: CustomerRequest; value: T | undefined }
  | { ok: false; decided: CustomerRequest }
  | { ok: false; refusal: Refusal; request?: CustomerRequest };

export interface CustomerRequestsDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  partnerships: PartnershipService;
  partnerCenter: PartnerCenterGateway;
  regions: RegionTable;
  now?: () => Date;
  /** Test only (TEST_ONLY_CRASH_AT): called at the moments a crash is most harmful; absent in production. */
  atMomentOfDanger?: (moment: 'approve:after-claim' | 'approve:after-customer-created') => void;
}

/** Where requests are kept: one record per request, listed by prefix (the App Home, the recovery pass). */
export const REQUEST_KEYS = {
  request: (id: string) => `customers:request:${id}`,
  requests: 'customers:request:',
};

/** An input refusal from the first issue zod found (its message is the catalog code, its path the field). */
export function inputRefusal(error: z.ZodError): { ok: false; refusal: Refusal } {
  const issue = error.issues[0];
  return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
}
