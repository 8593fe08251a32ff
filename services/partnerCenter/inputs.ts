import { z } from 'zod';

/**
 * What callers hand the gateway, validated at its boundary (DESIGN.md: zod at every edge) the same way
 * for both implementations. Kept here rather than imported from services/domain so the gateway's
 * contract with Partner Center does not move when the product's domain model does.
 */

export const tenantIdInput = z.guid();
/** Partner Center's MPN / PartnerID: digits only, a number (so without leading zeros). */
export const mpnIdInput = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/)
  .transform((id) => id.replace(/^0+(?=\d)/, ''));
export const countryInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/);

export const relationshipTypeInput = z.enum(['IsIndirectCloudSolutionProviderOf', 'IsIndirectResellerOf']);
export type RelationshipType = z.infer<typeof relationshipTypeInput>;

/**
 * PartnerIDs in one `validateresellers` list. Microsoft documents the body as a list (R1) without a
 * maximum; 100 is the gateway's own conservative bound, the same for the sandbox and the REST gateway.
 */
export const VALIDATE_RESELLERS_MAX = 100;
export const validateResellersInput = z.array(mpnIdInput).min(1).max(VALIDATE_RESELLERS_MAX);

/** Either id alone; the check that exactly one is present answers with codes 2000 / 2001. */
export const agreementStatusInput = z.object({
  mpnId: z.string().optional(),
  tenantId: z.string().optional(),
});
export type AgreementStatusQuery = { mpnId: string; tenantId?: undefined } | { tenantId: string; mpnId?: undefined };

/** The prefix Partner Center puts before `.onmicrosoft.com`; a full `x.onmicrosoft.com` is accepted too. */
export const customerDomainInput = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/\.onmicrosoft\.com$/, ''))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{1,25}[a-z0-9]$/));

export const newCustomerInput = z.object({
  /** The indirect reseller's tenant: the customer is created on its behalf and associated with it (C3, C4). */
  associatedPartnerId: tenantIdInput,
  companyName: z.string().trim().min(2).max(255),
  domain: customerDomainInput,
  country: countryInput,
  /** The customer's billing contact; Partner Center requires one. */
  email: z.email(),
  address: z.object({
    line1: z.string().trim().min(1),
    city: z.string().trim().min(1),
    postalCode: z.string().trim().min(1).optional(),
  }),
  culture: z.string().default('en-US'),
  language: z.string().default('en'),
  /**
   * Partner Center's MS-RequestId, chosen by the caller to make the call idempotent: the same id again
   * creates nothing more and answers with the customer the first call created (issue 13 point 4).
   */
  requestId: z.guid().optional(),
});
export type NewCustomer = z.input<typeof newCustomerInput>;

export const newSubscriptionInput = z.object({
  offerId: z.string().trim().min(1),
  quantity: z.number().int().min(1).max(10_000),
  /** P9, M2: the reseller's MPN ID as partner of record, so it earns incentives. */
  resellerMpnId: mpnIdInput.optional(),
  /** As for a new customer: the same MS-RequestId again orders nothing more. */
  requestId: z.guid().optional(),
});
export type NewSubscription = z.input<typeof newSubscriptionInput>;

/** A subscription's new licence count: the same bounds as an order. */
export const quantityInput = newSubscriptionInput.shape.quantity;

export const customerFilterInput = z.object({ indirectResellerTenantId: tenantIdInput.optional() }).default({});
export type CustomerFilter = z.input<typeof customerFilterInput>;

/** Partner Center's subscription ids are GUIDs. */
export const subscriptionIdInput = z.guid();

export const supportContactInput = z.object({
  /** The reseller's tenant: one of the caller's indirect resellers. */
  supportTenantId: tenantIdInput,
  supportMpnId: mpnIdInput,
  name: z.string().trim().min(1).max(255),
});
export type SupportContactInput = z.input<typeof supportContactInput>;

export const relationshipRequestLinkInput = z.object({
  resellerTenantId: tenantIdInput,
  providerTenantId: tenantIdInput,
});
export type RelationshipRequestLinkQuery = z.input<typeof relationshipRequestLinkInput>;

export const enrolmentInput = z.object({
  mpnId: mpnIdInput,
  legalName: z.string().trim().min(2).max(255),
  country: countryInput,
  primaryContactEmail: z.email(),
});
export type EnrolmentSubmission = z.input<typeof enrolmentInput>;

/** MCA1: who accepted the Microsoft Customer Agreement for the customer, as Partner Center takes it. */
export const agreementContactInput = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.email(),
  phoneNumber: z.string().trim().min(3).max(40).optional(),
});

/** MCA1: the partner's attestation that the customer accepted the agreement (`POST .../agreements`). */
export const customerAgreementInput = z.object({
  primaryContact: agreementContactInput,
  /** When the customer accepted: a date (2026-12-01) or a date and time, never in the future. */
  dateAgreed: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
  templateId: z.string().trim().min(1).max(100),
  type: z.literal('MicrosoftCustomerAgreement'),
});
export type CustomerAgreementInput = z.input<typeof customerAgreementInput>;
