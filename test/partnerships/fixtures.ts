import { randomUUID } from 'node:crypto';
import type { PartnerDraft } from '../../services/domain/partner';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import type { PartnerDirectory } from '../../services/partners/partnerDirectory';
import type { ProviderSetupInput } from '../../services/partnerships/types';

/** The distributor's set-up as Contoso (the sandbox's demo provider) would fill it in. */
export const contosoSetup = (approverUserIds: string[], channelId = 'C0APPROVALS'): ProviderSetupInput => ({
  legalName: DEMO.provider.name,
  mpnId: DEMO.provider.mpnId,
  tenantId: DEMO.provider.tenantId,
  country: DEMO.provider.country,
  approverUserIds,
  channelId,
});

type Seed = { tenantId: string; name: string; country: string; mpnId: string; primaryContactEmail: string };

/**
 * A reseller's directory record as enrolment (issue 4) leaves it once done. `tenantId` may be replaced
 * by a fresh one so runs against a shared Redis never meet each other's data.
 */
export async function seedReseller(
  partners: PartnerDirectory,
  seed: Seed,
  options: { tenantId?: string; enrolled?: boolean } = {},
): Promise<PartnerDraft> {
  const tenantId = options.tenantId ?? seed.tenantId;
  const enrolled = options.enrolled ?? true;
  const record: PartnerDraft = {
    id: tenantId,
    kind: 'indirect-reseller',
    legalName: seed.name,
    country: seed.country,
    tenantId,
    mpnId: seed.mpnId,
    primaryContact: { name: 'Primary contact', email: seed.primaryContactEmail },
    affiliates: [],
    domains: [],
    status: {
      enrolment: enrolled ? 'enrolled' : 'in-progress',
      verification: enrolled ? 'Authorized' : 'None',
      mpaSigned: enrolled,
      onboardedInPartnerCenter: enrolled,
      accountType: enrolled ? 'partner-center' : undefined,
    },
  };
  await partners.update(tenantId, () => record);
  return record;
}

export const fresh = () => randomUUID();
export const freshTeam = () => `T${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
export { DEMO };
