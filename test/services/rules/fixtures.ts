import { type Customer, customerSchema } from '../../../services/domain/customer';
import { type Partner, type PartnerDraft, partnerDraftSchema, partnerSchema } from '../../../services/domain/partner';
import type { Partnership } from '../../../services/domain/partnership';

/**
 * Partners that pass the domain schemas, so a rule test never relies on data the product could
 * not hold. Each test changes only the facts it is about.
 */

type PartnerOverrides = Omit<Partial<Partner>, 'status'> & { status?: Partial<Partner['status']> };

const transacting: Partner['status'] = {
  enrolment: 'enrolled',
  verification: 'Authorized',
  mpaSigned: true,
  onboardedInPartnerCenter: true,
  accountType: 'partner-center',
  adminAgentAssigned: true,
};

function partner(base: Omit<Partner, 'status'>, overrides: PartnerOverrides): Partner {
  const { status, ...rest } = overrides;
  return partnerSchema.parse({ ...base, ...rest, status: { ...transacting, ...status } });
}

/** An indirect provider (distributor) in Poland, CSP region Europe. */
export function provider(overrides: PartnerOverrides = {}): Partner {
  return partner(
    {
      id: 'prov-contoso-dist',
      kind: 'indirect-provider',
      legalName: 'Contoso Distribution sp. z o.o.',
      address: { line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-001', country: 'PL' },
      country: 'PL',
      tenantId: '11111111-1111-4111-8111-111111111111',
      mpnId: '1000001',
      primaryContact: { name: 'Anna Nowak', email: 'anna.nowak@contoso-dist.pl' },
      supportContact: { email: 'support@contoso-dist.pl' },
      affiliates: [],
      domains: ['contoso-dist.pl'],
    },
    overrides,
  );
}

/** An indirect reseller in Sweden, CSP region Europe, ready to transact. */
export function reseller(overrides: PartnerOverrides = {}): Partner {
  return partner(
    {
      id: 'res-fabrikam',
      kind: 'indirect-reseller',
      legalName: 'Fabrikam AB',
      address: { line1: 'Drottninggatan 1', city: 'Stockholm', postalCode: '111 51', country: 'SE' },
      country: 'SE',
      tenantId: '22222222-2222-4222-8222-222222222222',
      mpnId: '2000002',
      primaryContact: { name: 'Erik Svensson', email: 'erik@fabrikam.se' },
      supportContact: { phone: '+46 8 123 456' },
      affiliates: [],
      domains: ['fabrikam.se'],
    },
    overrides,
  );
}

/** A direct-bill partner in Germany. */
export function directBill(overrides: PartnerOverrides = {}): Partner {
  return partner(
    {
      id: 'db-northwind',
      kind: 'direct-bill',
      legalName: 'Northwind Traders GmbH',
      address: { line1: 'Hauptstraße 1', city: 'Berlin', country: 'DE' },
      country: 'DE',
      tenantId: '33333333-3333-4333-8333-333333333333',
      mpnId: '3000003',
      primaryContact: { name: 'Jana Weber', email: 'jana@northwind.de' },
      supportContact: { url: 'https://support.northwind.de' },
      affiliates: [],
      domains: ['northwind.de'],
    },
    overrides,
  );
}

/** A new end customer in Sweden with no tenant yet (the provider will create it, C3). */
export function customer(overrides: Partial<Customer> = {}): Customer {
  return customerSchema.parse({
    companyName: 'Tailspin Toys AB',
    domain: 'tailspintoys.se',
    country: 'SE',
    adminEmail: 'it@tailspintoys.se',
    tenantType: 'customer',
    ...overrides,
  });
}

export function partnership(
  providerId: string,
  resellerId: string,
  state: Partnership['state'] = 'active',
): Pick<Partnership, 'providerId' | 'resellerId' | 'state'> {
  return { providerId, resellerId, state };
}

/** A partner at the very start of enrolment: nothing gathered yet. */
export function emptyDraft(overrides: Partial<PartnerDraft> = {}): PartnerDraft {
  return partnerDraftSchema.parse({ id: 'draft-1', kind: 'indirect-reseller', ...overrides });
}

/** A draft with everything enrolment asks for gathered and checked, not yet submitted. */
export function gatheredDraft(
  overrides: Omit<Partial<PartnerDraft>, 'status'> & { status?: Partial<PartnerDraft['status']> } = {},
): PartnerDraft {
  const { status, ...rest } = overrides;
  return partnerDraftSchema.parse({
    id: 'draft-1',
    kind: 'indirect-reseller',
    legalName: 'Fabrikam AB',
    address: { line1: 'Drottninggatan 1', city: 'Stockholm', country: 'SE' },
    country: 'SE',
    tenantId: '22222222-2222-4222-8222-222222222222',
    mpnId: '2000002',
    mpnProfile: { country: 'SE', active: true },
    primaryContact: { name: 'Erik Svensson', email: 'erik@fabrikam.se' },
    supportContact: { email: 'support@fabrikam.se' },
    ...rest,
    status: {
      enrolment: 'in-progress',
      verification: 'None',
      mpaSigned: false,
      onboardedInPartnerCenter: false,
      globalAdminConfirmed: true,
      ...status,
    },
  });
}

/** The codes of a decision's violations, the part of it a user reads first. */
export const codes = (decision: { violations: { code: string }[] }) => decision.violations.map((v) => v.code);
export const optionCodes = (decision: { options: { code: string }[] }) => decision.options.map((o) => o.code);
