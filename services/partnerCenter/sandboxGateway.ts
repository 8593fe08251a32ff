import { z } from 'zod';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import {
  type LegalBusinessProfile,
  type PartnerCenterGateway,
  type PartnerCenterSession,
  type Subscription,
  VETTING_STATUSES,
  VETTING_SUB_STATUSES,
} from './gateway';
import { agreementOperations } from './sandboxAgreements';
import type { PorCause } from './partnerOfRecordCauses';
import { addLegacySubscription, customerOperations } from './sandboxCustomers';
import { partnerOperations } from './sandboxPartners';
import { type RevenueBaseline, revenueKey, revenueOperations } from './sandboxRevenue';
import { createIfAbsent, keys, type PartnerRecord, type RelationshipRecord, sandboxRecords } from './sandboxRecords';
import { fail, SandboxState } from './sandboxState';
import { parseTenantId, validatedSession } from './validatedSession';
import { advanceVetting, setVetting } from './verification';

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
  /**
   * What the partner itself sees of its verification in the Partner Center portal (E5): the operator's
   * view, since no API caller may read a reseller's (API1).
   */
  verificationOf(tenantId: string): Promise<LegalBusinessProfile>;
  /** The partner's Global admin accepts the MPA on the dashboard (M4). */
  signMpa(tenantId: string): Promise<void>;
  /** A subscription the customer bought before new commerce, on a legacy offer (NCE2); see sandboxCustomers.ts. */
  addLegacySubscription(providerTenantId: string, customerTenantId: string, quantity: number): Promise<Subscription>;
  /** R2: puts a reseller into one cause of a failed partner-of-record validation, or (undefined) out of it. */
  holdPartnerOfRecord(tenantId: string, cause: PorCause | undefined): Promise<void>;
  /**
   * A1: the revenue a reseller had recorded outside the sandbox's own orders (its orders add to it), as
   * Microsoft's systems would hold it; answers the reseller's name.
   */
  setRevenue(resellerTenantId: string, usd: number): Promise<string>;
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

/**
 * Partner Center simulated on our own store: realistic refusals for the demo identities, customers and
 * subscriptions that persist, and verification that walks its real states as time passes. This file holds
 * the gateway and the operator's controls; what a caller may do is in sandboxPartners.ts (directory,
 * relationships, enrolment) and sandboxCustomers.ts (customers and orders), over one SandboxState.
 */
export class SandboxGateway implements PartnerCenterGateway, SandboxControls {
  private readonly state: SandboxState;

  constructor(options: SandboxGatewayOptions) {
    if (!(options.clock.stepMs > 0)) throw new Error('The sandbox verification step must be a positive number of ms.');
    this.state = new SandboxState({
      records: sandboxRecords(options.records),
      stepMs: options.clock.stepMs,
      now: options.now ?? Date.now,
      regionOf: options.regionOf,
    });
  }

  as(partnerTenantId: string): PartnerCenterSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    return validatedSession(caller, {
      ...partnerOperations(this.state, caller),
      ...customerOperations(this.state, caller),
      ...agreementOperations(this.state, caller),
      ...revenueOperations(this.state, caller),
    });
  }

  async advanceVerification(tenantId: string): Promise<LegalBusinessProfile> {
    return this.updatePartner(tenantId, (p) => ({
      ...p,
      vetting: advanceVetting(p.vetting, this.state.now(), this.state.stepMs),
    }));
  }

  async setVerification(tenantId: string, status: string, subStatus: string): Promise<LegalBusinessProfile> {
    const parsed = z
      .object({ status: z.enum(VETTING_STATUSES), subStatus: z.enum(VETTING_SUB_STATUSES) })
      .safeParse({ status, subStatus });
    if (!parsed.success) throw fail('invalid-input', `Unknown verification state ${status}/${subStatus}.`);
    const state = parsed.data;
    return this.updatePartner(tenantId, (p) => ({ ...p, vetting: setVetting(p.vetting, state, this.state.now()) }));
  }

  async relationshipRequest(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView> {
    const provider = await this.state.read<PartnerRecord>(keys.partner(parseTenantId(providerTenantId)));
    if (provider?.accountType !== 'indirect-provider') {
      throw fail('not-found', `Tenant ${providerTenantId} is not an indirect provider.`);
    }
    const reseller = await this.state.read<PartnerRecord>(keys.partner(parseTenantId(resellerTenantId)));
    const active = Boolean(
      await this.state.read<RelationshipRecord>(keys.relationship(provider.tenantId, resellerTenantId)),
    );
    const view = { providerName: provider.name, resellerName: reseller?.name, active };
    if (!reseller) return { ...view, refusal: 'no-account' };
    if (reseller.accountType !== 'indirect-reseller') return { ...view, refusal: 'not-indirect-reseller' };
    if (!this.state.sameRegion(reseller.country, provider.country)) return { ...view, refusal: 'other-region' };
    return view;
  }

  async acceptRelationship(providerTenantId: string, resellerTenantId: string): Promise<RelationshipRequestView> {
    const view = await this.relationshipRequest(providerTenantId, resellerTenantId);
    if (view.refusal || view.active) return view;
    await createIfAbsent<RelationshipRecord>(
      this.state.records,
      keys.relationship(providerTenantId, resellerTenantId),
      {
        providerTenantId,
        resellerTenantId,
        state: 'Active',
        since: new Date(this.state.now()).toISOString(),
      },
    );
    return { ...view, active: true };
  }

  async verificationOf(tenantId: string): Promise<LegalBusinessProfile> {
    return this.updatePartner(tenantId, () => undefined);
  }

  async addLegacySubscription(providerTenantId: string, customerTenantId: string, quantity: number) {
    await this.state.ready();
    return addLegacySubscription(
      this.state,
      parseTenantId(providerTenantId),
      parseTenantId(customerTenantId, 'customer tenant id'),
      quantity,
    );
  }

  async signMpa(tenantId: string): Promise<void> {
    await this.updatePartner(tenantId, (p) => (p.mpaSigned ? undefined : { ...p, mpaSigned: true }));
  }

  async setRevenue(resellerTenantId: string, usd: number): Promise<string> {
    if (!Number.isFinite(usd) || usd < 0) throw fail('invalid-input', `Revenue must be a number of USD, 0 or more.`);
    await this.state.ready();
    const id = parseTenantId(resellerTenantId);
    const reseller = await this.state.requirePartner(id);
    await updateRecord<RevenueBaseline>(this.state.records, revenueKey(id), () => ({
      usd,
      setAt: new Date(this.state.now()).toISOString(),
    }));
    return reseller.name;
  }

  async holdPartnerOfRecord(tenantId: string, cause: PorCause | undefined): Promise<void> {
    await this.updatePartner(tenantId, (p) => (p.porHold === cause ? undefined : { ...p, porHold: cause }));
  }

  private async updatePartner(
    tenantId: string,
    change: (partner: PartnerRecord) => PartnerRecord | undefined,
  ): Promise<LegalBusinessProfile> {
    await this.state.ready();
    const id = parseTenantId(tenantId);
    const { value } = await updateRecord<PartnerRecord>(this.state.records, keys.partner(id), (current) => {
      if (!current) throw fail('not-found', `Tenant ${id} has no Partner Center account.`);
      return change(current);
    });
    return this.state.profileOf(value as PartnerRecord);
  }
}
