import type { Partner } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import { option, violation } from './codes';
import { allow, combine, type Decision, refuse, type Violation } from './decision';
import { isEnrolledIndirectReseller } from './enrolledReseller';
import { locate } from './regionRules';
import { defaultRegionTable, type RegionTable } from './regionTable';

type Party = Pick<Partner, 'id' | 'kind'>;

/**
 * T2: the only two-tier chain is Microsoft → indirect provider → indirect reseller, so the
 * provider side must be an indirect provider and the reseller side an indirect reseller.
 */
export function checkPartnerKinds(provider: Party, reseller: Party): Decision {
  const violations: Violation[] = [];
  if (provider.kind !== 'indirect-provider') {
    violations.push(violation('T2.provider-not-indirect-provider', { partnerId: provider.id, kind: provider.kind }));
  }
  if (reseller.kind !== 'indirect-reseller') {
    violations.push(violation('T2.reseller-not-indirect-reseller', { partnerId: reseller.id, kind: reseller.kind }));
  }
  return refuse(violations);
}

/**
 * P1: before a provider can interact or transact with a reseller, the reseller must already be
 * enrolled as an indirect reseller and have a Partner Center account.
 */
export function checkResellerReadyToPartner(reseller: Pick<Partner, 'id' | 'status'>): Decision {
  const violations: Violation[] = [];
  if (!isEnrolledIndirectReseller(reseller.status)) {
    violations.push(
      violation('P1.reseller-not-enrolled', { resellerId: reseller.id, enrolment: reseller.status.enrolment }),
    );
  }
  if (!reseller.status.onboardedInPartnerCenter || reseller.status.accountType === 'partner-membership-center') {
    violations.push(violation('P1.reseller-no-partner-center-account', { resellerId: reseller.id }));
  }
  return refuse(violations);
}

/**
 * P6 (003 scenario 8): a partner can only establish a relationship with a partner in the same
 * region; the reseller's legal business location decides which providers it may work with.
 */
export function checkSameRegion(
  provider: Pick<Partner, 'country'>,
  reseller: Pick<Partner, 'country'>,
  regions: RegionTable = defaultRegionTable,
): Decision {
  const p = locate('P6', 'provider', provider.country, regions);
  const r = locate('P6', 'reseller', reseller.country, regions);
  if (!p.region || !r.region) return refuse([...p.violations, ...r.violations]);
  if (p.region === r.region) return allow();
  return refuse(
    [
      violation('P6.different-region', {
        providerCountry: provider.country,
        providerRegion: p.region,
        resellerCountry: reseller.country,
        resellerRegion: r.region,
      }),
    ],
    [option('E8.find-provider-in-region')],
  );
}

type Candidate = Pick<Partner, 'id' | 'kind' | 'country' | 'status'>;

/** "May provider X partner with reseller Y?" — T2 kinds, P1 readiness and P6 region, every reason at once. */
export function mayPartner(
  provider: Candidate,
  reseller: Candidate,
  context: { regions?: RegionTable } = {},
): Decision {
  return combine(
    checkPartnerKinds(provider, reseller),
    checkResellerReadyToPartner(reseller),
    checkSameRegion(provider, reseller, context.regions),
  );
}

/** The partnership between these two, if any (the latest one when history holds several). */
export function findPartnership(
  partnerships: readonly Pick<Partnership, 'providerId' | 'resellerId' | 'state'>[],
  providerId: string,
  resellerId: string,
) {
  const between = partnerships.filter((p) => p.providerId === providerId && p.resellerId === resellerId);
  return between.find((p) => p.state === 'active') ?? between.at(-1);
}

/**
 * P5 (and P1): only once partnered can the provider add customers for the reseller, order for
 * them, associate the reseller with a subscription or make it the support contact.
 */
export function checkActivePartnership(
  providerId: string,
  resellerId: string,
  partnerships: readonly Pick<Partnership, 'providerId' | 'resellerId' | 'state'>[],
): Decision {
  const found = findPartnership(partnerships, providerId, resellerId);
  if (found?.state === 'active') return allow();
  return refuse([violation('P5.no-active-partnership', { providerId, resellerId, state: found?.state ?? 'none' })]);
}

/**
 * P8 (003 scenario 6): Partner Center gives the reseller no button to end a partnership; it asks
 * Microsoft Support. The decision is always a refusal of self-service, with that route.
 */
export function resellerEndsPartnership(partnership: Pick<Partnership, 'providerId' | 'resellerId'>): Decision {
  return refuse(
    [
      violation('P8.reseller-cannot-end-partnership', {
        providerId: partnership.providerId,
        resellerId: partnership.resellerId,
      }),
    ],
    [option('P8.contact-microsoft-support')],
  );
}
