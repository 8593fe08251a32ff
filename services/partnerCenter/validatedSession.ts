import type { z } from 'zod';
import { AgreementErrorCode, PartnerCenterError } from './errors';
import type {
  AgreementStatus,
  CreatedCustomer,
  CustomerAgreement,
  CustomerAgreementTemplate,
  EnrolmentOutcome,
  LegalBusinessProfile,
  MpnProfile,
  Offer,
  PartnerCenterSession,
  PartnerRelationship,
  CustomerSummary,
  ResellerRevenue,
  ResellerValidation,
  Subscription,
  SupportContact,
} from './gateway';
import {
  agreementStatusInput,
  countryInput,
  customerAgreementInput,
  customerFilterInput,
  enrolmentInput,
  mpnIdInput,
  newCustomerInput,
  newSubscriptionInput,
  quantityInput,
  type RelationshipType,
  relationshipRequestLinkInput,
  relationshipTypeInput,
  subscriptionIdInput,
  supportContactInput,
  tenantIdInput,
  validateResellersInput,
} from './inputs';

/** What an implementation provides: the operations, called only with inputs that passed validation. */
export interface SessionOperations {
  getMpnProfile(mpnId: string): Promise<MpnProfile>;
  validateResellers(partnerIds: string[]): Promise<ResellerValidation[]>;
  getAgreementStatus(query: { mpnId: string } | { tenantId: string }): Promise<AgreementStatus>;
  listRelationships(type: RelationshipType): Promise<PartnerRelationship[]>;
  listOffers(country: string): Promise<Offer[]>;
  createCustomer(input: z.output<typeof newCustomerInput>): Promise<CreatedCustomer>;
  createSubscription(customerTenantId: string, input: z.output<typeof newSubscriptionInput>): Promise<Subscription>;
  listCustomers(filter: z.output<typeof customerFilterInput>): Promise<CustomerSummary[]>;
  listSubscriptions(customerTenantId: string): Promise<Subscription[]>;
  updatePartnerOfRecord(customerTenantId: string, subscriptionId: string, resellerMpnId: string): Promise<Subscription>;
  changeQuantity(customerTenantId: string, subscriptionId: string, quantity: number): Promise<Subscription>;
  setSupportContact(
    customerTenantId: string,
    subscriptionId: string,
    contact: z.output<typeof supportContactInput>,
  ): Promise<SupportContact>;
  getCustomerRelationshipRequestLink(query: z.output<typeof relationshipRequestLinkInput>): Promise<{ url: string }>;
  getCustomerAgreementTemplate(): Promise<CustomerAgreementTemplate>;
  attestCustomerAgreement(
    customerTenantId: string,
    input: z.output<typeof customerAgreementInput>,
  ): Promise<CustomerAgreement>;
  listCustomerAgreements(customerTenantId: string): Promise<CustomerAgreement[]>;
  getLegalBusinessProfile(): Promise<LegalBusinessProfile>;
  submitEnrolment(input: z.output<typeof enrolmentInput>): Promise<EnrolmentOutcome>;
  getResellerRevenue(resellerTenantId: string): Promise<ResellerRevenue | undefined>;
}

/**
 * The two halves every gateway implements in files of their own: the partner directory, relationships
 * and the caller's own profile; and customers with their orders. Together they are SessionOperations.
 */
export type PartnerOperations = Pick<
  SessionOperations,
  | 'getMpnProfile'
  | 'validateResellers'
  | 'getAgreementStatus'
  | 'listRelationships'
  | 'getLegalBusinessProfile'
  | 'submitEnrolment'
>;
/** MCA1's three calls, in files of their own (sandboxAgreements.ts, restAgreementRoutes.ts). */
export type AgreementOperations = Pick<
  SessionOperations,
  'getCustomerAgreementTemplate' | 'attestCustomerAgreement' | 'listCustomerAgreements'
>;
/** A1's revenue read, in files of its own (sandboxRevenue.ts, restRevenueRoutes.ts). */
export type RevenueOperations = Pick<SessionOperations, 'getResellerRevenue'>;
export type CustomerOperations = Omit<
  SessionOperations,
  keyof PartnerOperations | keyof AgreementOperations | keyof RevenueOperations
>;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const where = result.error.issues.map((i) => i.path.join('.') || what).join(', ');
  throw new PartnerCenterError('invalid-input', `Invalid ${what} (${where}).`);
}

export function parseTenantId(value: unknown, what = 'tenant id'): string {
  return parse(tenantIdInput, value, what).toLowerCase();
}

/**
 * Exactly one id, well formed, as Partner Center demands; the refusal carries its own codes
 * (2000: malformed or both, 2001: neither) so the sandbox and the REST client answer alike.
 */
export function parseAgreementQuery(value: unknown): { mpnId: string } | { tenantId: string } {
  const parsed = agreementStatusInput.safeParse(value ?? {});
  const { mpnId, tenantId } = parsed.success ? parsed.data : { mpnId: undefined, tenantId: undefined };
  const present = [mpnId, tenantId].filter((id) => id !== undefined && id !== '');
  if (present.length === 0) throw new PartnerCenterError(AgreementErrorCode.NoId, 'Give an MPN ID or a tenant id.');
  if (present.length === 2) {
    throw new PartnerCenterError(
      AgreementErrorCode.InvalidOrBothIds,
      'Give either an MPN ID or a tenant id, not both.',
    );
  }
  if (mpnId) {
    const ok = mpnIdInput.safeParse(mpnId);
    if (!ok.success) throw new PartnerCenterError(AgreementErrorCode.InvalidOrBothIds, 'The MPN ID is malformed.');
    return { mpnId: ok.data };
  }
  const ok = tenantIdInput.safeParse(tenantId);
  if (!ok.success) throw new PartnerCenterError(AgreementErrorCode.InvalidOrBothIds, 'The tenant id is malformed.');
  return { tenantId: ok.data.toLowerCase() };
}

/**
 * The one place inputs are checked, in front of either implementation, so a bad input is refused the
 * same way (and changes nothing) whether the sandbox or the real API would have received it.
 */
export function validatedSession(partnerTenantId: string, ops: SessionOperations): PartnerCenterSession {
  return {
    partnerTenantId,
    getMpnProfile: async (mpnId) => ops.getMpnProfile(parse(mpnIdInput, mpnId, 'MPN ID')),
    validateResellers: async (ids) => ops.validateResellers(parse(validateResellersInput, ids, 'partner ids')),
    getAgreementStatus: async (query) => ops.getAgreementStatus(parseAgreementQuery(query)),
    listRelationships: async (type) => ops.listRelationships(parse(relationshipTypeInput, type, 'relationship type')),
    listOffers: async (country) => ops.listOffers(parse(countryInput, country, 'country')),
    createCustomer: async (input) => {
      const customer = parse(newCustomerInput, input, 'customer');
      return ops.createCustomer({ ...customer, associatedPartnerId: customer.associatedPartnerId.toLowerCase() });
    },
    createSubscription: async (customerTenantId, input) =>
      ops.createSubscription(
        parseTenantId(customerTenantId, 'customer tenant id'),
        parse(newSubscriptionInput, input, 'subscription'),
      ),
    listCustomers: async (filter) => {
      const f = parse(customerFilterInput, filter, 'customer filter');
      return ops.listCustomers({ indirectResellerTenantId: f.indirectResellerTenantId?.toLowerCase() });
    },
    listSubscriptions: async (customerTenantId) =>
      ops.listSubscriptions(parseTenantId(customerTenantId, 'customer tenant id')),
    updatePartnerOfRecord: async (customerTenantId, subscriptionId, resellerMpnId) =>
      ops.updatePartnerOfRecord(
        parseTenantId(customerTenantId, 'customer tenant id'),
        parse(subscriptionIdInput, subscriptionId, 'subscription id').toLowerCase(),
        parse(mpnIdInput, resellerMpnId, 'MPN ID'),
      ),
    changeQuantity: async (customerTenantId, subscriptionId, quantity) =>
      ops.changeQuantity(
        parseTenantId(customerTenantId, 'customer tenant id'),
        parse(subscriptionIdInput, subscriptionId, 'subscription id').toLowerCase(),
        parse(quantityInput, quantity, 'quantity'),
      ),
    setSupportContact: async (customerTenantId, subscriptionId, contact) => {
      const c = parse(supportContactInput, contact, 'support contact');
      return ops.setSupportContact(
        parseTenantId(customerTenantId, 'customer tenant id'),
        parse(subscriptionIdInput, subscriptionId, 'subscription id').toLowerCase(),
        { ...c, supportTenantId: c.supportTenantId.toLowerCase() },
      );
    },
    getCustomerRelationshipRequestLink: async (query) => {
      const q = parse(relationshipRequestLinkInput, query, 'relationship request');
      return ops.getCustomerRelationshipRequestLink({
        resellerTenantId: q.resellerTenantId.toLowerCase(),
        providerTenantId: q.providerTenantId.toLowerCase(),
      });
    },
    getCustomerAgreementTemplate: async () => ops.getCustomerAgreementTemplate(),
    attestCustomerAgreement: async (customerTenantId, input) =>
      ops.attestCustomerAgreement(
        parseTenantId(customerTenantId, 'customer tenant id'),
        parse(customerAgreementInput, input, 'customer agreement'),
      ),
    listCustomerAgreements: async (customerTenantId) =>
      ops.listCustomerAgreements(parseTenantId(customerTenantId, 'customer tenant id')),
    getLegalBusinessProfile: async () => ops.getLegalBusinessProfile(),
    submitEnrolment: async (input) => ops.submitEnrolment(parse(enrolmentInput, input, 'enrolment')),
    getResellerRevenue: async (resellerTenantId) =>
      ops.getResellerRevenue(parseTenantId(resellerTenantId, 'reseller tenant id')),
  };
}
