import type { Request, Response } from 'restify';
import { noticeBlocks } from '../../cards/slack/partnerships/noticeBlocks';
import { invitationPage } from '../../cards/web/invitationPage';
import { resolveLanguage, translatorFor } from '../../i18n/i18n';
import { ResellerCustomers } from '../../services/customers/resellerCustomers';
import { lookupMessage } from '../../services/partnerships/messages';
import { tellOne } from '../../i18n/readers';
import { PartnershipConfirmations } from '../../services/partnerships/partnershipConfirmations';
import type { Invitation, Provider } from '../../services/partnerships/types';
import type { Notice } from '../proactive/notifier';
import type { TeamsFeature } from '../../dialogs/teamsTurn';
import { reportedMember } from '../../dialogs/reportedMember';
import type { Feature, FeatureDeps } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';
import { slackPartnerships } from '../slack/partnerships';
import { adminChecker } from '../slack/partnerships/context';
import { ApproverHomes } from '../slack/approverHomes';
import type { SlackFeature } from '../slack/slackFeature';
import { SlackPeople } from '../slack/slackPeople';
import { SlackLanguages } from '../slack/slackLanguage';
import { partnerCenterLinkForReseller, standInLinkFor } from './sandboxPartnerCenter';
import {
  confirmedNotice,
  invitationCard,
  invitationCardParams,
  removalNotice,
} from '../../cards/teams/invitationCards';
import { teamsPartnerships } from '../../dialogs/invitation/invitationFlow';
import { IndexSweeps } from '../../services/storage/indexSweeps';

export const INVITATION_PATH = '/invitations';

/** The invitation card as a notice (rendered in the reader's language at delivery). */
const invitationNotice = (invitation: Invitation, provider: Provider, code: string): Notice => ({
  renderer: 'partnerships.invitation',
  params: invitationCardParams(invitation, provider, code),
});

/**
 * One card per person and issue of the link, however it reaches them: a resend of a pending invitation
 * reaches only colleagues who have not had it yet; a new link (after expiry) goes to everyone again.
 */
const invitationNoticeKey = (invitation: Invitation) =>
  `partnerships:invitation:${invitation.id}${(invitation.generation ?? 1) > 1 ? `:${invitation.generation}` : ''}`;

/**
 * Partnerships across both platforms (P1–P8): the distributor sets up, invites, lists and removes in
 * Slack; the reseller authorises, lists and asks to end in Teams; the invitation link page joins them.
 */
export function partnershipsFeature() {
  return async (deps: FeatureDeps): Promise<Feature> => {
    const log = deps.logger.child({ component: 'partnerships' });
    const service = await partnershipServiceFor(deps);
    // Partnerships and invitations stored before their indexes (or by an older instance) are indexed.
    const partnershipSweeps = new IndexSweeps('partnerships', () => service.partnerships.indexExisting(), deps.logger);
    const auditSweeps = new IndexSweeps('audit entries', () => service.audit.indexExisting(), deps.logger);
    const invitationSweeps = new IndexSweeps(
      'open invitations',
      () => service.invitations.open.indexExisting(),
      deps.logger,
    );
    // Someone the bot can no longer reach leaves the domains they were heard at (P2 by domain).
    deps.references.whenForgotten((tenantId, aadObjectId) =>
      service.invitations.personForgotten({ tenantId, aadObjectId }),
    );
    const base = deps.config.publicUrl.replace(/\/+$/, '');
    const invitationLink = (code: string) => `${base}${INVITATION_PATH}/${encodeURIComponent(code)}`;

    // The approvers' App Homes list the resellers (ready to order or not): drawn again when a partnership changes.
    const homes = new ApproverHomes(log);
    const partnershipChanged = (provider: Provider) => {
      void homes.refresh(deps.slackClient, provider);
    };
    const slackListeners = slackPartnerships({
      service,
      languages: new SlackLanguages(deps.store.records, log),
      people: new SlackPeople(log),
      logger: log,
      invitationLink,
      isWorkspaceAdmin: adminChecker(log),
      partnerCenterLinkOptional: Boolean(deps.sandboxControls),
      partnershipChanged,
      customerCounts: (providerId, resellerIds) =>
        new ResellerCustomers({ partnerships: service, partnerCenter: deps.partnerCenter }).counts(
          providerId,
          resellerIds,
        ),
      deliverInvitationToTeams: async (invitationId, code) => {
        const lookup = await service.invitations.openInvitation(code);
        if (lookup.status !== 'valid' || lookup.invitation.id !== invitationId) return;
        const notice = invitationNotice(lookup.invitation, lookup.provider, code);
        const key = invitationNoticeKey(lookup.invitation);
        const tenantId = await service.invitations.resellerTenantByEmail(lookup.invitation.email);
        if (tenantId) await deps.notifier.teamsTenant(tenantId, notice, key);
        // P2 to a reseller the directory does not know yet: its people heard at the invited domain (E4, E7).
        for (const person of await service.invitations.peopleInvited(lookup.invitation)) {
          await deps.notifier.teamsUser(person.tenantId, person.aadObjectId, notice, key);
        }
      },
      notifyResellerOfRemoval: async (resellerTenantId, providerName, key) => {
        await deps.notifier.teamsTenant(
          resellerTenantId,
          { renderer: 'partnerships.removed', params: { providerName } },
          `partnerships:removed:${key}`,
        );
      },
    });

    const slack: SlackFeature = {
      ...slackListeners,
      register(app, tools) {
        homes.lend(tools);
        slackListeners.register?.(app, tools);
      },
    };

    const confirmations = new PartnershipConfirmations({
      service,
      notifier: deps.notifier,
      logger: log,
      pollMs: deps.config.notifications.verificationPollMs,
      changed: partnershipChanged,
    });
    const sandbox = Boolean(deps.sandboxControls);
    // A set-up made before the link was asked for: in sandbox mode the stand-in still leads the way.
    const partnerCenterLinkFor = (provider: Provider, resellerTenantId: string, language: string) => {
      const link =
        provider.settings.partnerCenterLink ??
        (sandbox && provider.partner.tenantId ? standInLinkFor(base, provider.partner.tenantId) : undefined);
      return link && partnerCenterLinkForReseller(link, base, resellerTenantId, language, sandbox);
    };

    const partnershipsInTeams = teamsPartnerships({
      service,
      confirmations,
      partnerCenterLinkFor,
      regions: deps.regions,
      logger: log,
      tellProvider: async (provider, renderer, params, dedupeKey) => {
        await deps.notifier.slackChannel(provider.settings.channelId, { renderer, params }, dedupeKey);
        partnershipChanged(provider);
      },
    });

    const teams: TeamsFeature = {
      ...partnershipsInTeams,
      // P2, P3: someone new here whose own account is on an invited company's domain (E7, E4) is told of
      // the invitation at once, in their language, without typing its code; the same notice key as the
      // delivery when it was sent, so nobody has the card twice.
      met: async (context, identity) => {
        const member = await reportedMember(context, log);
        for (const { invitation, provider, code } of await service.invitations.personMet(identity, member)) {
          const notice = invitationNotice(invitation, provider, code);
          await deps.notifier.teamsUser(
            identity.tenantId,
            identity.aadObjectId,
            notice,
            invitationNoticeKey(invitation),
          );
        }
      },
    };

    return {
      name: 'partnerships',
      teams,
      slack,
      teamsNotices: {
        'partnerships.invitation': invitationCard,
        'partnerships.removed': removalNotice,
        'partnerships.confirmed': confirmedNotice,
      },
      slackNotices: {
        'partnerships.authorised': (t, params) => {
          const text = t('partnerships:slack.notice.authorised', params);
          return { text, blocks: noticeBlocks(text) };
        },
        'partnerships.declined': (t, params) => {
          const text = t('partnerships:slack.notice.declined', params);
          return { text, blocks: noticeBlocks(text) };
        },
        'partnerships.accepted': (t, params) => {
          const text = t('partnerships:slack.notice.accepted', params);
          return { text, blocks: noticeBlocks(text) };
        },
        'partnerships.confirmed': (t, params) => {
          const text = t('partnerships:slack.notice.confirmed', params);
          return { text, blocks: noticeBlocks(text) };
        },
      },
      start: () => {
        partnershipSweeps.start();
        invitationSweeps.start();
        auditSweeps.start();
        confirmations.start();
      },
      stop: async () => {
        await confirmations.stop();
        await Promise.all([partnershipSweeps.stop(), invitationSweeps.stop(), auditSweeps.stop()]);
      },
      routes: [
        (server) => {
          server.get(`${INVITATION_PATH}/:code`, async (req: Request, res: Response) => {
            const code = String(req.params?.code ?? '');
            const t = translatorFor(resolveLanguage(String(req.headers['accept-language'] ?? '').split(',')[0]));
            const lookup = await service.invitations.openInvitation(code);
            const html = invitationPage(t, {
              valid: lookup.status === 'valid',
              provider: lookup.status === 'valid' ? (lookup.provider.partner.legalName ?? '') : '',
              problem: lookup.status === 'valid' ? '' : tellOne(t, 'reseller', lookupMessage(lookup)),
              code,
              chatUrl: deps.config.bot.appId
                ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(deps.config.bot.appId)}&message=${encodeURIComponent(`invitation ${code}`)}`
                : undefined,
            });
            res.writeHead(lookup.status === 'valid' ? 200 : 410, {
              'content-type': 'text/html; charset=utf-8',
              'cache-control': 'no-store',
              'referrer-policy': 'no-referrer',
            });
            res.end(html);
          });
        },
      ],
    };
  };
}
