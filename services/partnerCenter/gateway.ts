import type {
  AgreementStatusQuery,
  CustomerAgreementInput,
  EnrolmentSubmission,
  CustomerFilter,
  NewCustomer,
  NewSubscription,
  RelationshipRequestLinkQuery,
  RelationshipType,
  SupportContactInput,
} from './inputs';

export type {
  AgreementStatusQuery,
  CustomerAgreementInput,
  CustomerFilter,
  EnrolmentSubmission,
  NewCustomer,
  NewSubscription,
  RelationshipRequestLinkQuery,
  RelationshipType,
  SupportContactInput,
};

/**
 * The product's one door to Partner Center (DOMAIN.md, "What Partner Center itself offers"). Two
 * implementations pass the same contract suite: the sandbox (data in our store) and the REST client.
 *
 * Every Partner Center call is made as some partner (its token belongs to a partner tenant), and
 * several answers depend on who asks (relationships, the legal business profile, the region check
 * behind 2201). So the gateway hands out a session per calling partner: `gateway.as(tenantId)`.
 * Failures are thrown as `PartnerCenterError` (errors.ts); `as` itself throws `invalid-input` at
 * once for a malformed tenant id.
 */
export interface PartnerCenterGateway {
  as(partnerTenantId: string, context?: CallContext): PartnerCenterSession;
}

export interface CallContext {
  /** Sent as MS-CorrelationId so one user action can be traced across calls; a fresh one when absent. */
  correlationId?: string;
}

export interface PartnerCenterSession {
  readonly partnerTenantId: string;

  /** Is this MPN ID real. Throws `not-found` when it is not. */
  getMpnProfile(mpnId: string): Promise<MpnProfile>;
  /** Are these MPN IDs valid resellers of record for the caller (P9). One result per id, in order. */
  validateResellers(partnerIds: string[]): Promise<ResellerValidation[]>;
  /**
   * Has this reseller signed the MPA (M2). Exactly one of the ids. Refusals are thrown with Partner
   * Center's numeric code: 2000, 2001, 2200, 2201 (P6), 2203, 2204, 2205, 2206 (`AgreementErrorCode`).
   */
  getAgreementStatus(query: AgreementStatusQuery): Promise<AgreementStatus>;
  /** The caller's resellers (`IsIndirectCloudSolutionProviderOf`) or providers (`IsIndirectResellerOf`). */
  listRelationships(type: RelationshipType): Promise<PartnerRelationship[]>;
  /** What can be bought in a country (C3, C5). */
  listOffers(country: string): Promise<Offer[]>;
  /**
   * A provider adds a customer on a reseller's behalf (C3). The temporary password is in the answer
   * and nowhere else: it cannot be fetched again.
   */
  createCustomer(input: NewCustomer): Promise<CreatedCustomer>;
  /** An order for one offer for an existing customer, optionally with the reseller of record (C5, P9). */
  createSubscription(customerTenantId: string, input: NewSubscription): Promise<Subscription>;
  /**
   * The caller's customers (C5): for a provider, those it bills, narrowed to one indirect reseller's
   * with `indirectResellerTenantId` (Partner Center's IndirectReseller filter); for a reseller, its own.
   */
  listCustomers(filter?: CustomerFilter): Promise<CustomerSummary[]>;
  /** A customer's subscriptions, each with its partner of record and designated support contact (C5, C6, P9). */
  listSubscriptions(customerTenantId: string): Promise<Subscription[]>;
  /** Puts a reseller's MPN ID on record for an existing subscription, so it earns the incentives (C6, P9, M2). */
  updatePartnerOfRecord(customerTenantId: string, subscriptionId: string, resellerMpnId: string): Promise<Subscription>;
  /**
   * Changes a subscription's licence count (C5). Partner Center validates its partner of record first
   * (R1, since December 2025) and reduces an NCE licence subscription only within 7 days of purchase (NCE1).
   */
  changeQuantity(customerTenantId: string, subscriptionId: string, quantity: number): Promise<Subscription>;
  /** Makes one of the provider's resellers the designated support contact of a subscription (C5, C6). */
  setSupportContact(
    customerTenantId: string,
    subscriptionId: string,
    contact: SupportContactInput,
  ): Promise<SupportContact>;
  /** MCA1: the current Microsoft Customer Agreement template (`GET /v1/agreements?agreementType=...`). */
  getCustomerAgreementTemplate(): Promise<CustomerAgreementTemplate>;
  /** MCA1: attests that the customer accepted the agreement (`POST /v1/customers/{id}/agreements`). */
  attestCustomerAgreement(customerTenantId: string, input: CustomerAgreementInput): Promise<CustomerAgreement>;
  /** MCA1: the customer's attested agreements, read back (`GET /v1/customers/{id}/agreements`). */
  listCustomerAgreements(customerTenantId: string): Promise<CustomerAgreement[]>;
  /** The link a reseller sends to invite a customer (C1); carries reseller tenant and MPN ID and provider tenant. */
  getCustomerRelationshipRequestLink(query: RelationshipRequestLinkQuery): Promise<{ url: string }>;
  /** The caller's own verification status (E5). */
  getLegalBusinessProfile(): Promise<LegalBusinessProfile>;
  /**
   * Enrol the caller as an indirect reseller (E1, E2). Partner Center has no API for this: the REST
   * client answers with the portal address where the Global admin finishes it; the sandbox registers
   * the partner and starts verification.
   */
  submitEnrolment(input: EnrolmentSubmission): Promise<EnrolmentOutcome>;
  /**
   * A1: one of the caller's indirect resellers' CSP revenue through the caller over the trailing 12
   * months, in USD. Undefined when Partner Center gives the caller no such read: the REST client's case
   * (restRevenueRoutes.ts says why); the operator then imports the figure (scripts/importRevenue.ts).
   */
  getResellerRevenue(resellerTenantId: string): Promise<ResellerRevenue | undefined>;
}

/** A1: a reseller's trailing 12-month CSP revenue through one distributor, as Partner Center records it. */
export interface ResellerRevenue {
  resellerTenantId: string;
  usd: number;
  /** The 12 months the figure covers (ISO dates, inclusive). */
  periodStart: string;
  periodEnd: string;
}

export interface MpnProfile {
  mpnId: string;
  partnerName: string;
  country?: string;
}

export interface ResellerValidation {
  partnerId: string;
  isValidPartnerIdOnRecord: boolean;
  errorCode?: number | string;
  errorDescription?: string;
}

export interface AgreementStatus {
  isAgreementSigned: boolean;
}

export interface PartnerRelationship {
  /** The other partner's tenant id. */
  tenantId: string;
  name: string;
  mpnId?: string;
  /** Country or location as Partner Center reports it. */
  location?: string;
  relationshipType: RelationshipType;
  state: string;
}

export interface Offer {
  id: string;
  name: string;
  minimumQuantity: number;
  maximumQuantity: number;
}

export interface CreatedCustomer {
  tenantId: string;
  companyName: string;
  /** The initial domain, `<prefix>.onmicrosoft.com`. */
  domain: string;
  country: string;
  associatedPartnerId?: string;
  adminUserName: string;
  /**
   * Shown once to the person entitled to it (C3); never stored or logged. Absent when Partner Center
   * answers a repeated request (same MS-RequestId): the password exists only in the first answer.
   */
  temporaryPassword?: string;
}

export interface Subscription {
  id: string;
  orderId: string;
  customerTenantId: string;
  offerId: string;
  /** The offer's name, when Partner Center gives it (listing does, an order's line does not). */
  offerName?: string;
  quantity: number;
  partnerIdOnRecord?: string;
  supportContact?: SupportContact;
  /** When it was bought (Partner Center's `creationDate`), which NCE1's 7 days run from. */
  creationDate?: string;
}

/** A customer as listed (C5): no credentials, ever. */
export interface CustomerSummary {
  tenantId: string;
  companyName: string;
  /** Its primary domain (the initial `<prefix>.onmicrosoft.com` for a customer created through CSP). */
  domain: string;
  country?: string;
  /** The indirect reseller it is associated with (C4), when Partner Center says. */
  associatedPartnerId?: string;
  /** Its billing contact, when Partner Center says. */
  email?: string;
}

/** MCA1: the agreement template a customer accepts; its id goes into the attestation. */
export interface CustomerAgreementTemplate {
  templateId: string;
  agreementType: 'MicrosoftCustomerAgreement';
  /** Where the customer reads the agreement, when Partner Center gives it. */
  agreementLink?: string;
}

/** MCA1: an attestation as Partner Center keeps it: who accepted for the customer, when, which template. */
export interface CustomerAgreement {
  type: 'MicrosoftCustomerAgreement';
  templateId: string;
  dateAgreed: string;
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string };
}

/** Who handles support for a subscription (C6: "Designated support contact"). */
export interface SupportContact {
  supportTenantId: string;
  supportMpnId: string;
  name: string;
}

export const VETTING_STATUSES = ['None', 'Pending', 'Authorized', 'Rejected'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];
export const VETTING_SUB_STATUSES = [
  'None',
  'Entry',
  'EmailOwnership',
  'EmailDomain',
  'EmploymentVerification',
  'Decision',
  'Other',
  'BusinessVerification',
] as const;
export type VettingSubStatus = (typeof VETTING_SUB_STATUSES)[number];

export interface LegalBusinessProfile {
  companyName: string;
  country: string;
  primaryContactEmail?: string;
  vettingStatus: VettingStatus;
  vettingSubStatus: VettingSubStatus;
}

export type EnrolmentOutcome =
  { kind: 'submitted'; profile: LegalBusinessProfile } | { kind: 'complete-in-portal'; url: string };
