import type { Assistant } from '../../bot/assistant';
import { standInLinkFor } from '../../bot/sandboxPartnerCenterFeature';
import type { StoredReference } from '../../bot/teams/conversationReferences';
import { createPartnerCenterGateway } from '../../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import { defaultRegionTable } from '../../services/rules/regionTable';

/**
 * What the Playground scripts set up behind the assistant's back, on its own store: the Playground
 * user's organisation, and the partnerships service as the assistant's partnerships feature runs it.
 */

/** The Playground user as the assistant remembered them with their conversation (its tenant is the organisation). */
export async function playgroundUser(running: Assistant): Promise<{ tenantId: string; aadObjectId?: string }> {
  const references = await running.store.records.list<StoredReference>('teams:ref:');
  const tenantId = references[0]?.value.tenantId;
  if (!tenantId) throw new Error('no Teams conversation was remembered: the Playground tenant id is unknown');
  return { tenantId, aadObjectId: references[0]?.value.aadObjectId };
}

/** The partnerships service, the partner directory and the Partner Center sandbox on the assistant's store. */
export async function partnershipsOf(running: Assistant) {
  const records = running.store.records;
  const partners = new PartnerDirectory(records);
  const partnerCenter = createPartnerCenterGateway({
    mode: 'sandbox',
    records,
    sandboxStepMs: running.config.partnerCenter.sandboxStepMs,
    regionOf: (country) => {
      const found = defaultRegionTable.lookup(country);
      return found.found && found.served ? found.region : undefined;
    },
  });
  const service = new PartnershipService({
    records,
    partners,
    regions: defaultRegionTable,
    partnerCenter: partnerCenter.gateway,
    // The same secret the assistant's partnerships feature signs and checks codes with.
    signer: new InvitationSigner(await invitationSecret(records, running.config.partnerships.invitationSecret)),
    invitationTtlDays: running.config.partnerships.invitationTtlDays,
    standInPartnerCenterLink: (tenantId) => standInLinkFor(running.config.publicUrl, tenantId),
  });
  return { records, partners, partnerCenter, service };
}
