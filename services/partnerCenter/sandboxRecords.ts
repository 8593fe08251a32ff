import type { AtomicStore } from '../storage/atomicStore';
import { IndexedListings, type ListedCollection } from '../storage/indexedListings';
import type { PorCause } from './partnerOfRecordCauses';
import type { SandboxAccountType } from './sandboxIdentities';
import { SANDBOX_MPN_ONLY, SANDBOX_PARTNERS, SANDBOX_RELATIONSHIPS } from './sandboxIdentities';
import { completedVetting, startVetting, type VettingRecord } from './verification';

/**
 * What the sandbox keeps, and where. Every key starts with `pc:` so the sandbox's data can be listed,
 * exported or wiped without touching the product's own records.
 *
 *   pc:partner:<tenantId>             a partner with a Partner Center account
 *   pc:mpn:<mpnId>                    an MPN profile, linked to an account or not
 *   pc:rel:<provider>:<reseller>      a provider-reseller relationship
 *   pc:customer:<domainPrefix>        a customer; keyed by its unique initial domain so that creating
 *                                     it and claiming the domain are one atomic write
 *   pc:customer-of:<tenantId>         the domain prefix of the customer with that tenant id (a pointer,
 *                                     sandboxCustomerLookup.ts)
 *   pc:sub:<customerTenantId>:<id>    a subscription
 *   pc:mca:<customerTenantId>:<tpl>   a customer's attested Microsoft Customer Agreement (MCA1)
 *
 * No temporary password is ever written here (C3): customers keep their admin user name only.
 */
export const PREFIX = 'pc:';
export const keys = {
  partner: (tenantId: string) => `${PREFIX}partner:${tenantId}`,
  mpn: (mpnId: string) => `${PREFIX}mpn:${mpnId}`,
  relationship: (providerTenantId: string, resellerTenantId: string) =>
    `${PREFIX}rel:${providerTenantId}:${resellerTenantId}`,
  relationshipsOf: (providerTenantId: string) => `${PREFIX}rel:${providerTenantId}:`,
  allRelationships: () => `${PREFIX}rel:`,
  customer: (domainPrefix: string) => `${PREFIX}customer:${domainPrefix}`,
  allCustomers: () => `${PREFIX}customer:`,
  customerOfTenant: (tenantId: string) => `${PREFIX}customer-of:${tenantId}`,
  subscription: (customerTenantId: string, id: string) => `${PREFIX}sub:${customerTenantId}:${id}`,
  subscriptionsOf: (customerTenantId: string) => `${PREFIX}sub:${customerTenantId}:`,
  agreement: (customerTenantId: string, templateId: string) => `${PREFIX}mca:${customerTenantId}:${templateId}`,
  agreementsOf: (customerTenantId: string) => `${PREFIX}mca:${customerTenantId}:`,
};

/** What the sandbox lists: relationships (all, and a provider's), customers, a customer's subscriptions and agreements. */
export const SANDBOX_LISTINGS: readonly ListedCollection[] = [
  { root: keys.allRelationships(), whole: true, byOwner: true },
  { root: keys.allCustomers(), whole: true },
  { root: `${PREFIX}sub:`, byOwner: true },
  { root: `${PREFIX}mca:`, byOwner: true },
];

/** The store as the sandbox reads and writes it: its listings from their indexes (IndexedListings). */
export function sandboxRecords(records: AtomicStore): AtomicStore {
  return records instanceof IndexedListings ? records : new IndexedListings(records, SANDBOX_LISTINGS);
}

export interface PartnerRecord {
  tenantId: string;
  name: string;
  country: string;
  mpnId: string;
  accountType: SandboxAccountType;
  mpaSigned: boolean;
  primaryContactEmail: string;
  vetting: VettingRecord;
  /** R2: a cause the operator put the reseller in (scripts/sandbox.ts por), until it is cleared. */
  porHold?: PorCause;
}

export interface MpnRecord {
  mpnId: string;
  partnerName: string;
  country: string;
  /** The Partner Center account the MPN ID is linked to, once there is one. */
  tenantId?: string;
}

export interface RelationshipRecord {
  providerTenantId: string;
  resellerTenantId: string;
  state: 'Active';
  since: string;
}

export interface CustomerRecord {
  tenantId: string;
  companyName: string;
  domain: string;
  country: string;
  email: string;
  associatedPartnerId: string;
  /** The provider that created it and bills it: the only partner that may order for it here. */
  billingPartnerTenantId: string;
  adminUserName: string;
  createdAt: string;
  /** The MS-RequestId that created it: the same id again answers with this customer, and creates nothing. */
  requestId?: string;
}

export interface SubscriptionRecord {
  id: string;
  orderId: string;
  customerTenantId: string;
  offerId: string;
  quantity: number;
  partnerIdOnRecord?: string;
  /** C6: the reseller handling support for this subscription. */
  supportContact?: { supportTenantId: string; supportMpnId: string; name: string };
  createdAt: string;
}

/** Writes the value only where nothing is stored yet, so reseeding never undoes what happened since. */
export async function createIfAbsent<T>(records: AtomicStore, key: string, value: T): Promise<void> {
  await records.compareAndSet(key, undefined, value);
}

/** Seeds the demo identities (sandboxIdentities.ts); safe to run on every start and from several instances. */
export async function seedDemoIdentities(records: AtomicStore, now: number): Promise<void> {
  for (const seed of SANDBOX_PARTNERS) {
    const vetting =
      seed.verification === 'authorized' ? completedVetting(now) : startVetting(now, seed.verification.endsAt);
    const partner: PartnerRecord = {
      tenantId: seed.tenantId,
      name: seed.name,
      country: seed.country,
      mpnId: seed.mpnId,
      accountType: seed.accountType,
      mpaSigned: seed.mpaSigned,
      primaryContactEmail: seed.primaryContactEmail,
      vetting,
    };
    await createIfAbsent(records, keys.partner(seed.tenantId), partner);
    await createIfAbsent<MpnRecord>(records, keys.mpn(seed.mpnId), {
      mpnId: seed.mpnId,
      partnerName: seed.name,
      country: seed.country,
      tenantId: seed.tenantId,
    });
  }
  for (const mpn of SANDBOX_MPN_ONLY) await createIfAbsent<MpnRecord>(records, keys.mpn(mpn.mpnId), { ...mpn });
  for (const rel of SANDBOX_RELATIONSHIPS) {
    await createIfAbsent<RelationshipRecord>(records, keys.relationship(rel.providerTenantId, rel.resellerTenantId), {
      ...rel,
      state: 'Active',
      since: new Date(now).toISOString(),
    });
  }
}
