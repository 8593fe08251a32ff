import { randomUUID } from 'node:crypto';
import type { Actor } from '../../services/domain/identifiers';
import type { PartnerDraft } from '../../services/domain/partner';
import type { Partnership } from '../../services/domain/partnership';
import type { SandboxControls } from '../../services/partnerCenter/sandboxGateway';
import { keys, type MpnRecord, type PartnerRecord } from '../../services/partnerCenter/sandboxRecords';
import { completedVetting } from '../../services/partnerCenter/verification';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import type { PartnerDirectory } from '../../services/partners/partnerDirectory';
import type { ProviderSetupInput } from '../../services/partnerships/types';
import { standInLinkFor } from '../../bot/sandboxPartnerCenterFeature';

/** The sandbox's stand-in Partner Center link, as the assistant's sandbox mode defaults a set-up to (P2). */
export const standInLink = (providerTenantId: string) => standInLinkFor('http://localhost:3978', providerTenantId);

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

/**
 * The reseller's own account in the sandbox Partner Center, as enrolment and verification would leave
 * it: an indirect reseller, verified, MPA signed; with `linkMpn`, its MPN ID linked to it too. For
 * unit and HTTP fixtures that seed a reseller under a fresh tenant; never for a journey.
 */
export async function seedSandboxAccount(
  records: AtomicStore,
  seed: Seed & { tenantId: string },
  options: { mpaSigned?: boolean; linkMpn?: boolean } = {},
): Promise<void> {
  const account: PartnerRecord = {
    tenantId: seed.tenantId,
    name: seed.name,
    country: seed.country,
    mpnId: seed.mpnId,
    accountType: 'indirect-reseller',
    mpaSigned: options.mpaSigned ?? true,
    primaryContactEmail: seed.primaryContactEmail,
    vetting: completedVetting(Date.now()),
  };
  await records.compareAndSet(keys.partner(seed.tenantId), undefined, account);
  if (options.linkMpn) {
    await records.compareAndSet<MpnRecord>(keys.mpn(seed.mpnId), undefined, {
      mpnId: seed.mpnId,
      partnerName: seed.name,
      country: seed.country,
      tenantId: seed.tenantId,
    });
  }
}

/**
 * The whole partnership road for a fixture reseller (P2, P3): authorised in the assistant, then the
 * Authorize indirect provider step on the (sandbox) Partner Center page, then confirmed from the
 * distributor's relationship list. Returns the partnership as it ends.
 */
export async function partnerThroughPartnerCenter(
  service: PartnershipService,
  sandbox: SandboxControls,
  code: string,
  reseller: { tenantId: string; actor: Actor },
): Promise<Partnership> {
  const authorised = await service.answers.authorise(code, reseller);
  if (!authorised.ok) throw new Error(`authorisation refused: ${JSON.stringify(authorised)}`);
  if (authorised.partnership.state === 'active') return authorised.partnership;
  const providerTenantId = authorised.provider.partner.tenantId as string;
  const accepted = await sandbox.acceptRelationship(providerTenantId, reseller.tenantId);
  if (!accepted.active) throw new Error(`Partner Center refused: ${JSON.stringify(accepted)}`);
  const confirmed = await service.partnerships.confirmWithPartnerCenter(
    authorised.provider.settings.providerId,
    reseller.tenantId,
  );
  return confirmed.partnership as Partnership;
}

/** A fresh seven-digit MPN ID nobody else holds (fixtures on a shared Redis never meet). */
export const freshMpnId = () => String(2_000_000 + Math.floor(Math.random() * 7_000_000));
