import { InvitationSigner, invitationSecret } from '../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import type { FeatureDeps } from './feature';
import { standInLinkFor } from './sandboxPartnerCenter';
import { SlackUserGroups } from '../slack/partnerships/userGroups';

const shared = new WeakMap<FeatureDeps, Promise<PartnershipService>>();

/**
 * The one PartnershipService of an assistant, shared by every feature that needs partnerships
 * (partnerships, customers, notifications), so the invitation secret is read once. Built on first
 * use; a failed build (the store unreachable) is forgotten, so the next call tries again.
 */
export function partnershipServiceFor(deps: FeatureDeps): Promise<PartnershipService> {
  let service = shared.get(deps);
  if (!service) {
    const log = deps.logger.child({ component: 'partnerships' });
    service = invitationSecret(deps.store.records, deps.config.partnerships.invitationSecret).then(
      (secret) =>
        new PartnershipService({
          records: deps.store.records,
          partners: deps.partners,
          regions: deps.regions,
          partnerCenter: deps.partnerCenter,
          signer: new InvitationSigner(secret),
          invitationTtlDays: deps.config.partnerships.invitationTtlDays,
          userGroups: deps.slackClient
            ? new SlackUserGroups(deps.slackClient, log, () => deps.clock().getTime())
            : undefined,
          now: deps.clock,
          webmail: deps.webmail,
          onGatewayError: (error) => log.warn({ err: error }, 'Partner Center not reachable: went on without it'),
          standInPartnerCenterLink: deps.sandboxControls
            ? (providerTenantId) => standInLinkFor(deps.config.publicUrl, providerTenantId)
            : undefined,
        }),
    );
    shared.set(deps, service);
    service.catch(() => shared.delete(deps));
  }
  return service;
}
