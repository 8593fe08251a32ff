import { auditBlocks } from '../../../cards/slack/partnerships/auditBlocks';
import { inviteModal } from '../../../cards/slack/partnerships/invitationModals';
import { languageOfCountry } from '../../../i18n/languages';
import { removeModal } from '../../../cards/slack/partnerships/removeModal';
import { resellersBlocks } from '../../../cards/slack/partnerships/resellersBlocks';
import { setupModal } from '../../../cards/slack/partnerships/setupModal';
import type { Translate } from '../../../i18n/i18n';
import { providerIdOf } from '../../../services/partnerships/providers';
import { refusedText, type SlackRefusalCode } from '../distributorWords';
import type { SlackSubcommand } from '../slackFeature';
import { type SlackPartnerships } from './context';
import { listUserGroups } from './userGroups';

/** `/csp setup`, `/csp invite`, `/csp resellers`, `/csp remove <reseller>`, `/csp audit`. */
export function partnershipSubcommands(p: SlackPartnerships): SlackSubcommand[] {
  const refuse = (t: Translate, code: SlackRefusalCode) => ({
    response_type: 'ephemeral' as const,
    text: refusedText(t, code),
  });

  return [
    {
      name: 'setup',
      descriptionKey: 'partnerships:slack.commands.setup',
      run: async ({ command, t, client, respond }) => {
        const current = await p.service.getProviderBySlackTeam(command.team_id);
        const approver = await p.service.isApprover(command.team_id, command.user_id);
        if (!approver && !(await p.isWorkspaceAdmin(client, command.user_id))) {
          await respond(refuse(t, 'not-admin'));
          return;
        }
        const groups = await listUserGroups(client, p.logger);
        const language = current ? await p.languages.channelLanguage(current.settings.channelId) : undefined;
        await client.views.open({
          trigger_id: command.trigger_id,
          view: setupModal(t, current, groups, language, p.partnerCenterLinkOptional),
        });
      },
    },
    {
      name: 'invite',
      descriptionKey: 'partnerships:slack.commands.invite',
      run: async ({ command, t, client, respond }) => {
        const provider = await p.service.getProviderBySlackTeam(command.team_id);
        if (!provider) {
          await respond(refuse(t, 'not-set-up'));
          return;
        }
        if (!(await p.service.isApprover(command.team_id, command.user_id))) {
          await respond(refuse(t, 'not-approver'));
          return;
        }
        const emailLanguage = languageOfCountry(provider.partner.country);
        await client.views.open({ trigger_id: command.trigger_id, view: inviteModal(t, emailLanguage) });
      },
    },
    {
      name: 'resellers',
      descriptionKey: 'partnerships:slack.commands.resellers',
      run: async ({ command, t, respond }) => {
        const providerId = providerIdOf(command.team_id);
        const listed = await p.service.listResellers(providerId);
        const counts = await p
          .customerCounts?.(
            providerId,
            listed.map((r) => r.partnership.resellerId),
          )
          .catch((error: unknown) => {
            p.logger.warn({ err: error }, 'could not count the resellers’ customers');
            return undefined;
          });
        const rows = listed.map((r) => ({ ...r, customerCount: counts?.get(r.partnership.resellerId) }));
        const invitations = await p.service.invitations.openInvitations(providerId);
        const blocks = resellersBlocks(t, rows, invitations);
        await respond({ response_type: 'ephemeral', blocks, text: t('partnerships:slack.resellers.title') });
      },
    },
    {
      name: 'remove',
      descriptionKey: 'partnerships:slack.commands.remove',
      run: async ({ command, args, t, client, respond }) => {
        if (!(await p.service.isApprover(command.team_id, command.user_id))) {
          await respond(refuse(t, 'not-approver'));
          return;
        }
        const wanted = args.trim().toLowerCase();
        const rows = await p.service.listResellers(providerIdOf(command.team_id));
        const match = wanted
          ? rows.filter(
              (r) =>
                r.partnership.resellerId.toLowerCase() === wanted ||
                r.reseller?.mpnId === wanted ||
                (r.reseller?.legalName ?? '').toLowerCase().includes(wanted),
            )
          : [];
        if (match.length !== 1) {
          await respond({ response_type: 'ephemeral', text: t('partnerships:slack.remove.usage') });
          return;
        }
        const row = match[0];
        const name = row.reseller?.legalName ?? row.partnership.resellerId;
        await client.views.open({
          trigger_id: command.trigger_id,
          view: removeModal(t, { id: row.partnership.resellerId, name }),
        });
      },
    },
    {
      name: 'audit',
      descriptionKey: 'partnerships:slack.commands.audit',
      run: async ({ command, t, respond }) => {
        if (!(await p.service.isApprover(command.team_id, command.user_id))) {
          await respond(refuse(t, 'not-approver'));
          return;
        }
        const entries = await p.service.audit.latest(providerIdOf(command.team_id), 25);
        await respond({
          response_type: 'ephemeral',
          blocks: auditBlocks(t, entries),
          text: t('partnerships:slack.audit.title'),
        });
      },
    },
  ];
}
