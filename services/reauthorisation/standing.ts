import type { Partnership } from '../domain/partnership';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { KEYS } from '../partnerships/partnershipRecords';
import {
  type ReauthorisationStanding,
  reauthorisationStandingOf,
  type RevenueFact,
} from '../rules/reauthorisationRules';
import type { AtomicStore } from '../storage/atomicStore';
import { readImportedRevenue, readReported } from './reauthorisationRecords';

export interface StandingDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  partnerCenter: PartnerCenterGateway;
  /** The distributor whose credentials reach Partner Center, for a provider whose tenant is not known (API1). */
  distributorTenantId?: string;
  onGatewayError?: (error: unknown) => void;
}

/** A reseller's A1/A2 standing with one distributor, with where its onboarding date comes from. */
export interface ResellerReauthorisation extends ReauthorisationStanding {
  resellerTenantId: string;
  providerId: string;
  onboardedAt: string;
  /**
   * Always `partnership-confirmed` for now: the day Partner Center was seen to list the partnership (P3).
   * The reseller's own onboarding date is in its legal business profile, which the distributor's
   * credentials cannot read (API1); the confirmed partnership is the first day the assistant can vouch
   * for an authorised reseller, so the anniversary it gives is never earlier than Microsoft's.
   */
  onboardingSource: 'partnership-confirmed';
}

/** The day a partnership counts from: its confirmation in Partner Center, else its acceptance (active at once). */
export function onboardedAtOf(partnership: Partnership): string {
  return partnership.confirmedAt ?? partnership.decidedAt ?? partnership.createdAt;
}

/**
 * `reauthorisationStanding(reseller, now)`: each A1 item met or missing, its source (Partner Center
 * says / the reseller told us / the operator imported), its fix, the anniversary month and the countdown
 * due (A2). For the `ready` card and the countdown pass alike. Undefined when the reseller has no active
 * partnership with that distributor (no partnership, no anniversary to count to).
 */
export function reauthorisationStanding(deps: StandingDeps) {
  return async (
    reseller: { tenantId: string; providerId: string },
    now: Date,
  ): Promise<ResellerReauthorisation | undefined> => {
    const partnership = (await deps.records.read<Partnership>(KEYS.partnership(reseller.providerId, reseller.tenantId)))
      ?.value;
    if (partnership?.state !== 'active') return undefined;
    return standingFor(deps, partnership, now);
  };
}

export async function standingFor(
  deps: StandingDeps,
  partnership: Partnership,
  now: Date,
): Promise<ResellerReauthorisation> {
  const tenantId = partnership.resellerId;
  const [revenue, reported] = await Promise.all([
    revenueOf(deps, partnership.providerId, tenantId),
    readReported(deps.records, tenantId),
  ]);
  const onboardedAt = onboardedAtOf(partnership);
  const standing = reauthorisationStandingOf({ onboardedAt, revenue, reported }, now);
  return {
    ...standing,
    resellerTenantId: tenantId,
    providerId: partnership.providerId,
    onboardedAt,
    onboardingSource: 'partnership-confirmed',
  };
}

/** Partner Center's figure when it gives one, else what the operator imported, else nothing known. */
async function revenueOf(deps: StandingDeps, providerId: string, tenantId: string): Promise<RevenueFact | undefined> {
  const callerTenantId = (await deps.partners.get(providerId))?.tenantId ?? deps.distributorTenantId;
  if (callerTenantId) {
    try {
      const figure = await deps.partnerCenter.as(callerTenantId).getResellerRevenue(tenantId);
      if (figure) return { usd: figure.usd, source: 'partner-center', periodEnd: figure.periodEnd };
    } catch (error) {
      deps.onGatewayError?.(error);
    }
  }
  const imported = await readImportedRevenue(deps.records, tenantId);
  return imported ? { usd: imported.usd, source: 'operator-imported', periodEnd: imported.periodEnd } : undefined;
}
