/**
 * Ready to transact (issue 15 item 6): one assessment of every condition the program puts on an order,
 * for a reseller with one distributor, the same for the reseller's `ready` in Teams and the distributor's
 * `/csp ready` in Slack. It gathers through the gateway with the distributor's credentials only (API1):
 * `validateresellers` (R1, R2), `agreementstatus` (M2), the relationship list (P3) and each customer's
 * agreements (MCA1); what the reseller told us comes from the directory and its enrolment answers. The
 * rules in services/rules/readinessRules.ts decide.
 */
import type { PartnerDraft } from '../domain/partner';
import type { PartnershipState } from '../domain/partnership';
import { expectedVerificationWindow } from '../enrolment/verificationTimings';
import type { AnswerLog } from '../enrolment/enrolmentProgress';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import type { PartnershipService } from '../partnerships/partnershipService';
import { assessReadiness, type Condition, type ReadinessFacts } from '../rules/readinessRules';
import type { RegionTable } from '../rules/regionTable';
import type { ResellerReauthorisation } from '../reauthorisation/standing';
import { DistributorView, type ListedRelationship, type PartnerIdStanding } from '../verification/distributorView';
import { customerAgreements, type CustomersReadiness } from './customerReadiness';

export type { CustomerReadiness, CustomersReadiness } from './customerReadiness';

export interface ReadinessReport {
  reseller: { tenantId: string; name: string; mpnId?: string };
  /** The distributor the order would go through; absent when the reseller has none yet. */
  distributor?: { id: string; name: string };
  ready: boolean;
  conditions: Condition[];
  /** MCA1, per customer the reseller has with this distributor; undefined when Partner Center could not list them. */
  customers?: CustomersReadiness;
  /**
   * A1/A2: the next yearly review with this distributor and what is still missing for it. Not a condition
   * on today's order, but the one that ends every order if it is missed; absent without an active partnership.
   */
  review?: Pick<ResellerReauthorisation, 'anniversary' | 'daysLeft' | 'firstReview' | 'missing'>;
}

export interface ReadyToTransactDeps {
  partners: PartnerDirectory;
  partnerships: PartnershipService;
  partnerCenter: PartnerCenterGateway;
  regions?: RegionTable;
  /** The distributor whose credentials the gateway holds (API1); otherwise the first one set up. */
  distributorTenantId?: string;
  /** Who answered which enrolment step and when (the submission starts E5's clock). */
  answers?: (tenantId: string) => Promise<AnswerLog['answers']>;
  /** A1/A2: the reseller's standing for its yearly review with one distributor (services/reauthorisation). */
  reauthorisation?: (
    reseller: { tenantId: string; providerId: string },
    now: Date,
  ) => Promise<ResellerReauthorisation | undefined>;
  now?: () => Date;
}

/** Resellers assessed at once for an App Home: each is a few Partner Center reads, and Partner Center limits rates. */
const ASSESSED_AT_ONCE = 4;

/** Partnerships that still lead somewhere: a removed or declined one is as good as none. */
const LIVE: ReadonlySet<PartnershipState> = new Set(['invited', 'awaiting-partner-center', 'active']);

/** The reseller's PartnerID: what it told us, else what the relationship list gives. */
const mpnIdOf = (record: PartnerDraft | undefined, relationship: ListedRelationship | null | undefined) =>
  record?.mpnId ?? relationship?.mpnId ?? undefined;

export class ReadyToTransact {
  constructor(private readonly deps: ReadyToTransactDeps) {}

  /**
   * The reseller's own view (Teams): one report per distributor it is partnered with or on its way to
   * (invited, awaiting Partner Center); with none, one report without a distributor.
   */
  async forReseller(resellerTenantId: string, customerDomain?: string): Promise<ReadinessReport[]> {
    // One listing of the reseller's partnerships, not a read per distributor the assistant knows.
    const withPartnership = (await this.deps.partnerships.listProviders(resellerTenantId, LIVE)).flatMap((row) =>
      row.provider ? [{ provider: row.provider, state: row.partnership.state }] : [],
    );
    const active = withPartnership.filter((p) => p.state === 'active');
    const chosen = active.length > 0 ? active : withPartnership.slice(0, 1);
    if (chosen.length === 0) return [await this.assess(resellerTenantId, undefined, undefined, customerDomain)];
    return Promise.all(chosen.map((p) => this.assess(resellerTenantId, p.provider, p.state, customerDomain)));
  }

  /** The distributor's view of one of its resellers (Slack). */
  async forDistributor(
    providerId: string,
    resellerTenantId: string,
    customerDomain?: string,
  ): Promise<ReadinessReport> {
    const provider = (await this.deps.partnerships.getProviderById(providerId))?.partner;
    const partnership = await this.deps.partnerships.getPartnership(providerId, resellerTenantId);
    const state = partnership && LIVE.has(partnership.state) ? partnership.state : undefined;
    return this.assess(resellerTenantId, provider, state, customerDomain);
  }

  /**
   * The distributor's App Home (Slack): each of these resellers' conditions on an order, decided by the
   * same rules as `/csp ready`, without the customers' agreements (MCA1) and the yearly review (A1): those
   * cost a Partner Center read per customer or per reseller, and are one click away in the full answer.
   * The relationship list and validateresellers (R1, every PartnerID in one list) are read once for all
   * of them; the rest (agreementstatus, the reseller's answers) a few resellers at a time.
   */
  async conditionsForDistributor(
    providerId: string,
    resellers: ReadonlyArray<{ tenantId: string; state: PartnershipState }>,
  ): Promise<ReadinessReport[]> {
    if (resellers.length === 0) return [];
    const provider = (await this.deps.partnerships.getProviderById(providerId))?.partner;
    const view = this.viewFor(provider);
    const relationshipOf = await view.relationships();
    const records = await Promise.all(resellers.map((r) => this.deps.partners.get(r.tenantId)));
    const mpnIds = resellers.map((r, i) => mpnIdOf(records[i], relationshipOf(r.tenantId)));
    // R1: one validateresellers for every PartnerID here (it takes a list), not one per reseller.
    const standingOf = await view.partnerIdStandings(mpnIds);
    const reports: ReadinessReport[] = [];
    for (let i = 0; i < resellers.length; i += ASSESSED_AT_ONCE) {
      const batch = resellers.slice(i, i + ASSESSED_AT_ONCE);
      reports.push(
        ...(await Promise.all(
          batch.map(async (r, j) => {
            const state = LIVE.has(r.state) ? r.state : undefined;
            const record = records[i + j];
            const mpnId = mpnIds[i + j];
            return this.conditions(r.tenantId, provider, state, view, relationshipOf(r.tenantId), {
              record,
              standing: standingOf(mpnId),
            });
          }),
        )),
      );
    }
    return reports;
  }

  /** API1: every Partner Center answer is asked as this distributor, never as the reseller. */
  private viewFor(provider: PartnerDraft | undefined): DistributorView {
    return new DistributorView({
      partnerCenter: this.deps.partnerCenter,
      partners: this.deps.partners,
      distributorTenantId: provider?.tenantId ?? this.deps.distributorTenantId,
    });
  }

  private async assess(
    resellerTenantId: string,
    provider: PartnerDraft | undefined,
    partnershipState: PartnershipState | undefined,
    customerDomain: string | undefined,
  ): Promise<ReadinessReport> {
    const view = this.viewFor(provider);
    const report = await this.conditions(
      resellerTenantId,
      provider,
      partnershipState,
      view,
      await view.relationship(resellerTenantId),
    );
    // Customers come through an active partnership (P5); before it there are none to read back.
    const customers = !provider?.tenantId
      ? undefined
      : partnershipState === 'active'
        ? await customerAgreements(this.deps.partnerCenter.as(provider.tenantId), resellerTenantId, customerDomain)
        : { shown: [], total: 0 };
    const review = await this.review(resellerTenantId, provider, partnershipState);
    return { ...report, ...(customers ? { customers } : {}), ...(review ? { review } : {}) };
  }

  /** The conditions on an order (services/rules/readinessRules.ts), from what Partner Center and the reseller say. */
  private async conditions(
    resellerTenantId: string,
    provider: PartnerDraft | undefined,
    partnershipState: PartnershipState | undefined,
    view: DistributorView,
    relationship: ListedRelationship | null | undefined,
    /** Read already for several resellers at once (the App Home): the record and its R1 standing. */
    known?: { record: PartnerDraft | undefined; standing: PartnerIdStanding | undefined },
  ): Promise<ReadinessReport> {
    const reseller = known ? known.record : await this.deps.partners.get(resellerTenantId);
    const mpnId = mpnIdOf(reseller, relationship);
    const [standing, mpaSigned, answers] = await Promise.all([
      known ? known.standing : view.partnerIdStanding(mpnId),
      view.mpaSigned(resellerTenantId),
      this.deps.answers?.(resellerTenantId) ?? Promise.resolve(undefined),
    ]);
    const submittedAt = answers?.submit?.at;
    const window = submittedAt ? expectedVerificationWindow(submittedAt) : undefined;
    const facts: ReadinessFacts = {
      reseller: {
        tenantId: resellerTenantId,
        mpnId,
        country: reseller?.country,
        enrolment: reseller?.status.enrolment ?? 'not-started',
        cspEnrolled: reseller?.status.cspEnrolled,
        submittedAt,
        expectedFrom: window?.from,
        expectedTo: window?.to,
        mpaReportedSigned: reseller?.status.mpaReportedSigned,
      },
      distributor: provider ? { name: provider.legalName ?? provider.id, country: provider.country } : undefined,
      partnership: partnershipState
        ? { state: partnershipState, listedByPartnerCenter: relationship === undefined ? undefined : !!relationship }
        : undefined,
      validation: standing && {
        partnerId: standing.mpnId,
        isValidPartnerIdOnRecord: standing.valid,
        errorCode: standing.errorCode,
        errorDescription: standing.errorDescription,
      },
      mpaSigned,
    };
    const { ready, conditions } = assessReadiness(facts, this.deps.regions);
    return {
      reseller: {
        tenantId: resellerTenantId,
        name: reseller?.legalName ?? relationship?.name ?? resellerTenantId,
        mpnId,
      },
      ...(provider ? { distributor: { id: provider.id, name: provider.legalName ?? provider.id } } : {}),
      ready,
      conditions,
    };
  }

  private async review(
    resellerTenantId: string,
    provider: PartnerDraft | undefined,
    partnershipState: PartnershipState | undefined,
  ): Promise<ReadinessReport['review']> {
    if (!provider || partnershipState !== 'active' || !this.deps.reauthorisation) return undefined;
    const now = this.deps.now?.() ?? new Date();
    const standing = await this.deps.reauthorisation({ tenantId: resellerTenantId, providerId: provider.id }, now);
    if (!standing) return undefined;
    const { anniversary, daysLeft, firstReview, missing } = standing;
    return { anniversary, daysLeft, firstReview, missing };
  }
}
