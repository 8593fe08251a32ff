import type { PartnerDraft } from '../../services/domain/partner';
import { SandboxGateway } from '../../services/partnerCenter/sandboxGateway';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { defaultRegionTable } from '../../services/rules/regionTable';
import type { AtomicStore } from '../../services/storage/atomicStore';

export const regionOf = (country: string) => {
  const found = defaultRegionTable.lookup(country);
  return found.found && found.served ? found.region : undefined;
};

/** The operator's controls over the same store the assistant uses. */
export const sandboxOn = (records: AtomicStore, stepMs: number, now?: () => number) =>
  new SandboxGateway({ records, clock: { stepMs }, regionOf, now });

/** A reseller the assistant enrolled: submitted, at the verification state given. */
export async function enrolledReseller(
  records: AtomicStore,
  tenantId: string,
  status: Partial<PartnerDraft['status']>,
  legalName = 'Wide World Importers sp. z o.o.',
) {
  await new PartnerDirectory(records).update(tenantId, () => ({
    id: tenantId,
    kind: 'indirect-reseller',
    tenantId,
    legalName,
    affiliates: [],
    domains: [],
    status: {
      enrolment: 'submitted',
      verification: 'Pending',
      mpaSigned: false,
      onboardedInPartnerCenter: true,
      ...status,
    },
  }));
}
