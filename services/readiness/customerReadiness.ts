/**
 * MCA1 per customer, for `ready`: whether Partner Center holds the customer's acceptance of the Microsoft
 * Customer Agreement, read back through the distributor's session for each of the reseller's customers
 * with it. A customer without one is not refused here: its next order asks who accepted and when.
 */
import { z } from 'zod';
import { initialDomainPrefix } from '../domain/customerDomain';
import { isSameOrSubdomain } from '../domain/identifiers';
import type { CustomerSummary, PartnerCenterSession } from '../partnerCenter/gateway';

/** `ready <customer>`: a domain or part of a company name, as long as a domain name may be (253). */
const customerSearchSchema = z.string().trim().toLowerCase().min(1).max(253);

/** At most this many customers are read back in one go; `ready <domain>` reaches any other. */
export const CUSTOMERS_SHOWN = 10;

export interface CustomerReadiness {
  domain: string;
  companyName: string;
  /** met: Partner Center holds an attestation; failed: it holds none; unknown: it could not be asked. */
  state: 'met' | 'failed' | 'unknown';
  /** Who accepted for the customer, and the day, as Partner Center keeps it. */
  signer?: string;
  dateAgreed?: string;
}

export interface CustomersReadiness {
  shown: CustomerReadiness[];
  /** How many customers the reseller has with the distributor. */
  total: number;
  /** The domain asked for (`ready <domain>`), and whether it was found among them. */
  asked?: { domain: string; found: boolean };
}

export async function customerAgreements(
  session: PartnerCenterSession,
  resellerTenantId: string,
  domain: string | undefined,
): Promise<CustomersReadiness | undefined> {
  const all = await session.listCustomers({ indirectResellerTenantId: resellerTenantId }).catch(() => undefined);
  if (!all) return undefined;
  // What a person typed after `ready`: one search, bounded like a domain name; anything else asks for all.
  const parsed = customerSearchSchema.safeParse(domain);
  const wanted = parsed.success ? parsed.data : undefined;
  const matching = wanted ? all.filter((c) => isAskedFor(c, wanted)) : all;
  const shown = await Promise.all(
    matching.slice(0, CUSTOMERS_SHOWN).map(async (customer): Promise<CustomerReadiness> => {
      const base = { domain: customer.domain, companyName: customer.companyName };
      try {
        const [agreement] = await session.listCustomerAgreements(customer.tenantId);
        if (!agreement) return { ...base, state: 'failed' };
        const { firstName, lastName } = agreement.primaryContact;
        return { ...base, state: 'met', signer: `${firstName} ${lastName}`, dateAgreed: agreement.dateAgreed };
      } catch {
        return { ...base, state: 'unknown' };
      }
    }),
  );
  return {
    shown,
    total: all.length,
    ...(wanted ? { asked: { domain: wanted, found: matching.length > 0 } } : {}),
  };
}

/**
 * The customer a person means: its Partner Center domain, the domain they asked it under (which became
 * `<prefix>.onmicrosoft.com`), or a part of its name.
 */
function isAskedFor(customer: CustomerSummary, wanted: string): boolean {
  const domain = customer.domain.toLowerCase();
  return (
    isSameOrSubdomain(domain, wanted) ||
    (wanted.includes('.') && domain === `${initialDomainPrefix(wanted)}.onmicrosoft.com`) ||
    customer.companyName.toLowerCase().includes(wanted)
  );
}
