import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { companyNameProblem } from '../domain/companyName';
import { isInitialDomain, isWebmail } from '../rules/webmail';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import { AgreementErrorCode, PartnerCenterError, type PartnerCenterErrorCode } from './errors';
import {
  type CustomerSummary,
  type LegalBusinessProfile,
  type PartnerCenterGateway,
  type PartnerCenterSession,
  type PartnerRelationship,
  type ResellerValidation,
  type Subscription,
  VETTING_STATUSES,
  VETTING_SUB_STATUSES,
} from './gateway';
import { SANDBOX_OFFERS } from './offerCatalogue';
import {
  createIfAbsent,
  type CustomerRecord,
  keys,
  type MpnRecord,
  type PartnerRecord,
  type RelationshipRecord,
  type SubscriptionRecord,
  seedDemoIdentities,
} from './sandboxRecords';
import { generateTemporaryPassword } from './temporaryPassword';
import { parseTenantId, type SessionOperations, validatedSession } from './validatedSession';
import { advanceVetting, currentVetting, setVetting, startVetting } from './verification';

export interface SandboxGatewayOptions {
  /** The atomic record store (services/storage); the sandbox's keys start with `pc:`. */
  records: AtomicStore;
  /** How long each verification step takes: seconds in development, days for a realistic demo. */
  clock: { stepMs: number };
  now?: () => number;
  /**
   * Country (ISO alpha-2) to CSP region id, for the same-region rules Partner Center enforces
   * (P6 behind 2201, C7). Injected so the product's one region table, with its operator overrides,
   * decides here too.
   */
  regionOf: (country: string) => string | undefined;
}

/** Operator commands that only make sense against the sandbox (demos, tests, support). */
export interface SandboxControls {
  /** Moves verification one step on (the step's clock restarts). */
  advanceVerification(tenantId: string): Promise<LegalBusinessProfile>;
  /** Puts verification in a given state; a Pending state on the walk keeps moving from there. */
  setVerification(tenantId: string, status: string, subStatus: string): Promise<LegalBusinessProfile>;
  /** The partner's Global admin accepts the MPA on the dashboard (M4). */
  signMpa(tenantId: string): Promise<void>;
  /** What the stand-in for a distributor's relationship-request page shows to a signed-in reseller (P2, P3). */
  relationshipRequest(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView>;
  /**
   * The reseller ticks the box and selects Authorize indirect provider on that page (P3): the
   * relationship is created, or refused as Partner Center would refuse it. Accepting twice is one relationship.
   */
  acceptRelationship(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView>;
}

export interface RelationshipRequestView {
  providerName: string;
  resellerName?: string;
  /** Whether the relationship exists (P3: the provider is on the reseller's "Indirect providers" page). */
  active: boolean;
  /**
   * Why Partner Center would refuse it: the signed-in tenant has no account, is not an indirect
   * reseller (T2), or is in another region (P6).
   */
  refusal?: 'no-account' | 'not-indirect-reseller' | 'other-region';
}

/** A subscription as Partner Center shows it: its offer's name, never our bookkeeping. */
function shownSubscription(record: SubscriptionRecord): Subscription {
  const { createdAt: _at, ...shown } = record;
  return { ...shown, offerName: SANDBOX_OFFERS.find((o) => o.id === record.offerId)?.name };
}

/** Where the real Partner Center sends the customer to accept an indirect reseller's invitation (C1). */
const INVITATION_BASE = 'https://admin.microsoft.com/Adminportal/Home';

type ResellerCheck = { ok: true; partner: PartnerRecord } | { ok: false; code: number; description: string };

const fail = (code: PartnerCenterErrorCode, description: string) => new PartnerCenterError(code, description);

/**
 * What Partner Center itself refuses in a company name and a primary contact, whatever the caller
 * checked before: a name such as "!!" (domain/companyName.ts holds its rules) and an address on a
 * web-based mail service or on a tenant's initial domain (E4, with Partner Center's shipped list).
 */
function refuseCompanyName(name: string): void {
  const problem = companyNameProblem(name);
  if (problem) throw fail('invalid-input', `The company name "${name}" is not accepted (${problem}).`);
}

function refusePrimaryContact(email: string): void {
  if (isWebmail(email) || isInitialDomain(email)) {
    throw fail('invalid-input', `The primary contact ${email} is on a web-based mail or initial domain (E4).`);
  }
}

/**
 * Partner Center simulated on our own store: realistic refusals for the demo identities, customers and
 * subscriptions that persist, and verification that walks its real states as time passes.
 */
export class SandboxGateway implements PartnerCenterGateway, SandboxControls {
  private readonly records: AtomicStore;
  private readonly stepMs: number;
  private readonly now: () => number;
  private readonly regionOf: (country: string) => string | undefined;
  private seeded?: Promise<void>;

  constructor(options: SandboxGatewayOptions) {
    if (!(options.clock.stepMs > 0)) throw new Error('The sandbox verification step must be a positive number of ms.');
    this.records = options.records;
    this.stepMs = options.clock.stepMs;
    this.now = options.now ?? Date.now;
    this.regionOf = options.regionOf;
  }

  as(partnerTenantId: string): PartnerCenterSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    return validatedSession(caller, this.operationsFor(caller));
  }

  /** Seeding runs once per instance, before the first operation, so construction stays synchronous. */
  private ready(): Promise<void> {
    this.seeded ??= seedDemoIdentities(this.records, this.now()).catch((error) => {
      this.seeded = undefined;
      throw error;
    });
    return this.seeded;
  }

  private async read<T>(key: string): Promise<T | undefined> {
    await this.ready();
    return (await this.records.read<T>(key))?.value;
  }

  private async list<T>(prefix: string): Promise<T[]> {
    await this.ready();
    return (await this.records.list<T>(prefix)).map((r) => r.value);
  }

  private async requirePartner(tenantId: string): Promise<PartnerRecord> {
    const partner = await this.read<PartnerRecord>(keys.partner(tenantId));
    if (!partner) throw fail('unauthorized', `Tenant ${tenantId} has no Partner Center account.`);
    return partner;
  }

  private sameRegion(a: string, b: string): boolean {
    const region = this.regionOf(a);
    return region !== undefined && region === this.regionOf(b);
  }

  private profileOf(partner: PartnerRecord): LegalBusinessProfile {
    const vetting = currentVetting(partner.vetting, this.now(), this.stepMs);
    return {
      companyName: partner.name,
      country: partner.country,
      primaryContactEmail: partner.primaryContactEmail,
      vettingStatus: vetting.status,
      vettingSubStatus: vetting.subStatus,
    };
  }

  /** Why an MPN ID may or may not be a reseller of record for `caller`, in Partner Center's codes. */
  private async checkReseller(caller: PartnerRecord, mpnId: string): Promise<ResellerCheck> {
    const mpn = await this.read<MpnRecord>(keys.mpn(mpnId));
    if (!mpn?.tenantId) {
      return {
        ok: false,
        code: AgreementErrorCode.MpnInvalidOrNotMigrated,
        description: `MPN ID ${mpnId} is invalid or not migrated to Partner Center.`,
      };
    }
    const partner = await this.read<PartnerRecord>(keys.partner(mpn.tenantId));
    if (partner?.accountType !== 'indirect-reseller') {
      return {
        ok: false,
        code: AgreementErrorCode.MpnNotIndirectReseller,
        description: `MPN ID ${mpnId} is not linked to an indirect reseller account.`,
      };
    }
    if (!this.sameRegion(partner.country, caller.country)) {
      return {
        ok: false,
        code: AgreementErrorCode.RegionMismatch,
        description: `The reseller's region differs from the provider's region.`,
      };
    }
    if (!partner.mpaSigned) {
      return {
        ok: false,
        code: AgreementErrorCode.MpaNotSignedForRegion,
        description: `The reseller has not signed the Microsoft Partner Agreement for this region.`,
      };
    }
    return { ok: true, partner };
  }

  /** A customer the caller may see: the provider that bills it, or the reseller associated with it. */
  private async customerFor(callerTenantId: string, customerTenantId: string, billingOnly = false) {
    const customer = (await this.list<CustomerRecord>(keys.allCustomers())).find(
      (c) => c.tenantId === customerTenantId,
    );
    const visible =
      customer &&
      (customer.billingPartnerTenantId === callerTenantId ||
        (!billingOnly && customer.associatedPartnerId === callerTenantId));
    if (!visible) throw fail('not-found', `Customer ${customerTenantId} was not found among your customers.`);
    return customer;
  }

  private async subscriptionOf(customerTenantId: string, subscriptionId: string): Promise<SubscriptionRecord> {
    const subscription = await this.read<SubscriptionRecord>(keys.subscription(customerTenantId, subscriptionId));
    if (!subscription) throw fail('not-found', `Subscription ${subscriptionId} was not found for this customer.`);
    return subscription;
  }

  private async updateSubscription(
    record: SubscriptionRecord,
    change: (current: SubscriptionRecord) => SubscriptionRecord,
  ): Promise<Subscription> {
    const { value } = await updateRecord<SubscriptionRecord>(
      this.records,
      keys.subscription(record.customerTenantId, record.id),
      (current) => {
        if (!current) throw fail('not-found', `Subscription ${record.id} was not found for this customer.`);
        return change(current);
      },
    );
    return shownSubscription(value as SubscriptionRecord);
  }

  private operationsFor(callerTenantId: string): SessionOperations {
    return {
      // No account needed: enrolment looks the MPN ID up before the caller has a Partner Center account (E2, E3).
      getMpnProfile: async (mpnId) => {
        const mpn = await this.read<MpnRecord>(keys.mpn(mpnId));
        if (!mpn) throw fail('not-found', `MPN ID ${mpnId} was not found.`);
        return { mpnId: mpn.mpnId, partnerName: mpn.partnerName, country: mpn.country };
      },

      validateResellers: async (partnerIds) => {
        const caller = await this.requirePartner(callerTenantId);
        const results: ResellerValidation[] = [];
        for (const partnerId of partnerIds) {
          const check = await this.checkReseller(caller, partnerId);
          results.push(
            check.ok
              ? { partnerId, isValidPartnerIdOnRecord: true }
              : {
                  partnerId,
                  isValidPartnerIdOnRecord: false,
                  errorCode: check.code,
                  errorDescription: check.description,
                },
          );
        }
        return results;
      },

      getAgreementStatus: async (query) => {
        const caller = await this.requirePartner(callerTenantId);
        if ('mpnId' in query) {
          const check = await this.checkReseller(caller, query.mpnId);
          if (!check.ok) throw fail(check.code, check.description);
          return { isAgreementSigned: true };
        }
        const partner = await this.read<PartnerRecord>(keys.partner(query.tenantId));
        if (!partner)
          throw fail(AgreementErrorCode.NoAccountForTenant, `No Partner Center account for tenant ${query.tenantId}.`);
        if (!this.sameRegion(partner.country, caller.country)) {
          throw fail(AgreementErrorCode.RegionMismatch, `The reseller's region differs from the provider's region.`);
        }
        if (!partner.mpaSigned)
          throw fail(AgreementErrorCode.TenantNotSigned, 'The tenant has not signed the Microsoft Partner Agreement.');
        return { isAgreementSigned: true };
      },

      listRelationships: async (type) => {
        await this.requirePartner(callerTenantId);
        const mine =
          type === 'IsIndirectCloudSolutionProviderOf'
            ? (await this.list<RelationshipRecord>(keys.relationshipsOf(callerTenantId))).map((r) => r.resellerTenantId)
            : (await this.list<RelationshipRecord>(keys.allRelationships()))
                .filter((r) => r.resellerTenantId === callerTenantId)
                .map((r) => r.providerTenantId);
        const out: PartnerRelationship[] = [];
        for (const tenantId of mine) {
          const other = await this.read<PartnerRecord>(keys.partner(tenantId));
          if (!other) continue;
          out.push({
            tenantId,
            name: other.name,
            mpnId: other.mpnId,
            location: other.country,
            relationshipType: type,
            state: 'Active',
          });
        }
        return out;
      },

      listOffers: async () => {
        await this.requirePartner(callerTenantId);
        return SANDBOX_OFFERS.map((offer) => ({ ...offer }));
      },

      createCustomer: async (input) => {
        const caller = await this.requirePartner(callerTenantId);
        if (caller.accountType !== 'indirect-provider') {
          throw fail('unauthorized', 'Only an indirect provider adds customers on a reseller\u2019s behalf (C3).');
        }
        const relationship = await this.read<RelationshipRecord>(
          keys.relationship(callerTenantId, input.associatedPartnerId),
        );
        if (!relationship)
          throw fail('not-found', `Tenant ${input.associatedPartnerId} is not one of your indirect resellers (P1).`);
        if (!this.sameRegion(input.country, caller.country)) {
          throw fail('invalid-input', `A customer in ${input.country} is outside your region (C7).`);
        }
        refuseCompanyName(input.companyName);
        const domain = `${input.domain}.onmicrosoft.com`;
        const customer: CustomerRecord = {
          tenantId: randomUUID(),
          companyName: input.companyName,
          domain,
          country: input.country,
          email: input.email,
          associatedPartnerId: input.associatedPartnerId,
          billingPartnerTenantId: callerTenantId,
          adminUserName: `admin@${domain}`,
          createdAt: new Date(this.now()).toISOString(),
          requestId: input.requestId,
        };
        const shown = ({
          email: _e,
          billingPartnerTenantId: _b,
          createdAt: _a,
          requestId: _r,
          ...rest
        }: CustomerRecord) => rest;
        // One write both creates the customer and claims its domain: no half-created customer, no duplicate.
        const created = await this.records.compareAndSet(keys.customer(input.domain), undefined, customer);
        if (created === undefined) {
          // As Partner Center honours MS-RequestId: the same request again is the customer it created, once;
          // the temporary password was in the first answer only (never kept, C3).
          const existing = await this.read<CustomerRecord>(keys.customer(input.domain));
          if (input.requestId && existing?.requestId === input.requestId) return shown(existing);
          throw fail('conflict', `The domain ${domain} is already taken.`);
        }
        return { ...shown(customer), temporaryPassword: generateTemporaryPassword() };
      },

      createSubscription: async (customerTenantId, input) => {
        const caller = await this.requirePartner(callerTenantId);
        const customer = (await this.list<CustomerRecord>(keys.allCustomers())).find(
          (c) => c.tenantId === customerTenantId,
        );
        if (!customer || customer.billingPartnerTenantId !== callerTenantId) {
          throw fail('not-found', `Customer ${customerTenantId} was not found among your customers.`);
        }
        const offer = SANDBOX_OFFERS.find((o) => o.id === input.offerId);
        if (!offer) throw fail('not-found', `Offer ${input.offerId} is not in the catalogue.`);
        if (input.quantity < offer.minimumQuantity || input.quantity > offer.maximumQuantity) {
          throw fail(
            'invalid-input',
            `${offer.name} is sold in quantities of ${offer.minimumQuantity} to ${offer.maximumQuantity}.`,
          );
        }
        if (input.resellerMpnId) {
          // M2, P9: the partner of record must be a reseller that may transact with this provider.
          const check = await this.checkReseller(caller, input.resellerMpnId);
          if (!check.ok) throw fail(check.code, check.description);
        }
        // The sandbox names a subscription after the MS-RequestId that ordered it, so the same id orders once.
        const subscription: SubscriptionRecord = {
          id: input.requestId ?? randomUUID(),
          orderId: randomUUID(),
          customerTenantId,
          offerId: offer.id,
          quantity: input.quantity,
          partnerIdOnRecord: input.resellerMpnId,
          createdAt: new Date(this.now()).toISOString(),
        };
        const ordered = await this.records.compareAndSet(
          keys.subscription(customerTenantId, subscription.id),
          undefined,
          subscription,
        );
        const { createdAt: _at, ...shown } =
          ordered === undefined
            ? ((await this.read<SubscriptionRecord>(keys.subscription(customerTenantId, subscription.id))) ??
              subscription)
            : subscription;
        return shown;
      },

      listCustomers: async ({ indirectResellerTenantId }) => {
        const caller = await this.requirePartner(callerTenantId);
        const all = await this.list<CustomerRecord>(keys.allCustomers());
        const mine =
          caller.accountType === 'indirect-provider'
            ? all.filter(
                (c) =>
                  c.billingPartnerTenantId === callerTenantId &&
                  (!indirectResellerTenantId || c.associatedPartnerId === indirectResellerTenantId),
              )
            : all.filter((c) => c.associatedPartnerId === callerTenantId);
        return mine
          .map((c): CustomerSummary => ({
            tenantId: c.tenantId,
            companyName: c.companyName,
            domain: c.domain,
            country: c.country,
            associatedPartnerId: c.associatedPartnerId,
            email: c.email,
          }))
          .sort((a, b) => a.companyName.localeCompare(b.companyName) || a.tenantId.localeCompare(b.tenantId));
      },

      listSubscriptions: async (customerTenantId) => {
        await this.requirePartner(callerTenantId);
        await this.customerFor(callerTenantId, customerTenantId);
        const subscriptions = await this.list<SubscriptionRecord>(keys.subscriptionsOf(customerTenantId));
        return subscriptions
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
          .map(shownSubscription);
      },

      updatePartnerOfRecord: async (customerTenantId, subscriptionId, resellerMpnId) => {
        const caller = await this.requirePartner(callerTenantId);
        await this.customerFor(callerTenantId, customerTenantId, true);
        const subscription = await this.subscriptionOf(customerTenantId, subscriptionId);
        // M2, P9: the same check Partner Center makes when an order names a partner of record.
        const check = await this.checkReseller(caller, resellerMpnId);
        if (!check.ok) throw fail(check.code, check.description);
        return this.updateSubscription(subscription, (current) => ({ ...current, partnerIdOnRecord: resellerMpnId }));
      },

      setSupportContact: async (customerTenantId, subscriptionId, contact) => {
        await this.requirePartner(callerTenantId);
        await this.customerFor(callerTenantId, customerTenantId, true);
        const subscription = await this.subscriptionOf(customerTenantId, subscriptionId);
        const relationship = await this.read<RelationshipRecord>(
          keys.relationship(callerTenantId, contact.supportTenantId),
        );
        if (!relationship) {
          throw fail('not-found', `Tenant ${contact.supportTenantId} is not one of your indirect resellers (C6).`);
        }
        const reseller = await this.read<PartnerRecord>(keys.partner(contact.supportTenantId));
        if (reseller?.mpnId !== contact.supportMpnId) {
          throw fail('invalid-input', `MPN ID ${contact.supportMpnId} is not that reseller's.`);
        }
        const updated = await this.updateSubscription(subscription, (current) => ({
          ...current,
          supportContact: contact,
        }));
        return updated.supportContact ?? contact;
      },

      getCustomerRelationshipRequestLink: async ({ resellerTenantId, providerTenantId }) => {
        await this.requirePartner(callerTenantId);
        if (callerTenantId !== resellerTenantId && callerTenantId !== providerTenantId) {
          throw fail('unauthorized', 'Only the reseller or its provider may ask for this invitation link.');
        }
        const relationship = await this.read<RelationshipRecord>(keys.relationship(providerTenantId, resellerTenantId));
        const reseller = await this.read<PartnerRecord>(keys.partner(resellerTenantId));
        if (!relationship || !reseller)
          throw fail('not-found', 'There is no relationship between this reseller and provider.');
        const url = new URL(INVITATION_BASE);
        url.searchParams.set('invType', 'IndirectResellerRelationship');
        url.searchParams.set('partnerId', resellerTenantId);
        url.searchParams.set('msppId', reseller.mpnId);
        url.searchParams.set('indirectCSPId', providerTenantId);
        url.hash = '/BillingAccounts/partner-invitation';
        return { url: url.toString() };
      },

      getLegalBusinessProfile: async () => this.profileOf(await this.requirePartner(callerTenantId)),

      submitEnrolment: async (input) => {
        const existing = await this.read<PartnerRecord>(keys.partner(callerTenantId));
        if (existing) {
          // A repeated submission (a re-sent turn) answers like the first one.
          if (existing.mpnId === input.mpnId) return { kind: 'submitted', profile: this.profileOf(existing) };
          throw fail('conflict', 'This tenant is already enrolled with another MPN ID.');
        }
        refuseCompanyName(input.legalName);
        refusePrimaryContact(input.primaryContactEmail);
        const mpn = await this.read<MpnRecord>(keys.mpn(input.mpnId));
        if (!mpn) throw fail('not-found', `MPN ID ${input.mpnId} was not found.`);
        if (mpn.country !== input.country) {
          throw fail('invalid-input', `The MPN profile is in ${mpn.country}, the account in ${input.country} (E3).`);
        }
        await updateRecord<MpnRecord>(this.records, keys.mpn(input.mpnId), (current) => {
          if (!current) throw fail('not-found', `MPN ID ${input.mpnId} was not found.`);
          if (current.tenantId === callerTenantId) return undefined;
          if (current.tenantId) throw fail('conflict', `MPN ID ${input.mpnId} is already linked to another account.`);
          return { ...current, tenantId: callerTenantId };
        });
        const partner: PartnerRecord = {
          tenantId: callerTenantId,
          name: input.legalName,
          country: input.country,
          mpnId: input.mpnId,
          accountType: 'indirect-reseller',
          mpaSigned: false,
          primaryContactEmail: input.primaryContactEmail,
          vetting: startVetting(this.now()),
        };
        await this.records.compareAndSet(keys.partner(callerTenantId), undefined, partner);
        return { kind: 'submitted', profile: this.profileOf(await this.requirePartner(callerTenantId)) };
      },
    };
  }

  async advanceVerification(tenantId: string): Promise<LegalBusinessProfile> {
    return this.updatePartner(tenantId, (p) => ({ ...p, vetting: advanceVetting(p.vetting, this.now(), this.stepMs) }));
  }

  async setVerification(tenantId: string, status: string, subStatus: string): Promise<LegalBusinessProfile> {
    const parsed = z
      .object({ status: z.enum(VETTING_STATUSES), subStatus: z.enum(VETTING_SUB_STATUSES) })
      .safeParse({ status, subStatus });
    if (!parsed.success) throw fail('invalid-input', `Unknown verification state ${status}/${subStatus}.`);
    const state = parsed.data;
    return this.updatePartner(tenantId, (p) => ({ ...p, vetting: setVetting(p.vetting, state, this.now()) }));
  }

  async relationshipRequest(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView> {
    const provider = await this.read<PartnerRecord>(keys.partner(parseTenantId(providerTenantId)));
    if (provider?.accountType !== 'indirect-provider') {
      throw fail('not-found', `Tenant ${providerTenantId} is not an indirect provider.`);
    }
    const reseller = await this.read<PartnerRecord>(keys.partner(parseTenantId(resellerTenantId)));
    const active = Boolean(await this.read<RelationshipRecord>(keys.relationship(provider.tenantId, resellerTenantId)));
    const view = { providerName: provider.name, resellerName: reseller?.name, active };
    if (!reseller) return { ...view, refusal: 'no-account' };
    if (reseller.accountType !== 'indirect-reseller') return { ...view, refusal: 'not-indirect-reseller' };
    if (!this.sameRegion(reseller.country, provider.country)) return { ...view, refusal: 'other-region' };
    return view;
  }

  async acceptRelationship(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView> {
    const view = await this.relationshipRequest(providerTenantId, resellerTenantId);
    if (view.refusal || view.active) return view;
    await createIfAbsent<RelationshipRecord>(this.records, keys.relationship(providerTenantId, resellerTenantId), {
      providerTenantId,
      resellerTenantId,
      state: 'Active',
      since: new Date(this.now()).toISOString(),
    });
    return { ...view, active: true };
  }

  async signMpa(tenantId: string): Promise<void> {
    await this.updatePartner(tenantId, (p) => (p.mpaSigned ? undefined : { ...p, mpaSigned: true }));
  }

  private async updatePartner(
    tenantId: string,
    change: (partner: PartnerRecord) => PartnerRecord | undefined,
  ): Promise<LegalBusinessProfile> {
    await this.ready();
    const id = parseTenantId(tenantId);
    const { value } = await updateRecord<PartnerRecord>(this.records, keys.partner(id), (current) => {
      if (!current) throw fail('not-found', `Tenant ${id} has no Partner Center account.`);
      return change(current);
    });
    return this.profileOf(value as PartnerRecord);
  }
}
