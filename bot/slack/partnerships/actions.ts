import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION } from '../../../cards/slack/partnerships/ids';
import { draftModal } from '../../../cards/slack/partnerships/invitationModals';
import { removeModal } from '../../../cards/slack/partnerships/removeModal';
import { providerIdOf } from '../../../services/partnerships/providers';
import { ephemeral, partnershipRefusalText, refusedText } from '../distributorWords';
import { escapeMrkdwn } from '../../../i18n/slackMrkdwn';
import { slackTeamOf } from '../slackTeam';
import { invitationDraft, type SlackPartnerships } from './context';
import { requestLogger } from '../../observability/requestContext';

export function registerActions(app: App, p: SlackPartnerships) {
  app.action<BlockButtonAction>(ACTION.remove, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    if (!(await p.service.isApprover(teamId, body.user.id))) {
      await respond(ephemeral(refusedText(t, 'not-approver')));
      return;
    }
    const resellerId = action.value ?? '';
    const partnership = await p.service.getPartnership(providerIdOf(teamId), resellerId);
    if (partnership?.state !== 'active') {
      await respond(ephemeral(refusedText(t, 'no-active-partnership')));
      return;
    }
    const rows = await p.service.listResellers(providerIdOf(teamId));
    const name = rows.find((r) => r.partnership.resellerId === resellerId)?.reseller?.legalName ?? resellerId;
    await client.views.open({ trigger_id: body.trigger_id, view: removeModal(t, { id: resellerId, name }) });
  });

  app.action<BlockButtonAction>(ACTION.revoke, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const outcome = await p.service.invitations.revokeInvitation(
      teamId,
      action.value ?? '',
      await p.people.actor(client, body.user),
    );
    const message = outcome.ok
      ? t('partnerships:slack.resellers.revoked', { email: outcome.value.email })
      : partnershipRefusalText(t, outcome.refusal);
    await respond(ephemeral(message));
  });

  app.action<BlockButtonAction>(ACTION.resend, async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const outcome = await p.service.invitations.resendInvitation(
      teamId,
      action.value ?? '',
      await p.people.actor(client, body.user),
    );
    if (!outcome.ok) {
      await respond(ephemeral(partnershipRefusalText(t, outcome.refusal)));
      return;
    }
    const { invitation, code, provider, newLink } = outcome.value;
    const { link, draft } = invitationDraft(p, t, { invitation, code, provider });
    const note = t(newLink ? 'partnerships:slack.resend.newLink' : 'partnerships:slack.resend.sameLink', {
      email: invitation.email,
      expires: invitation.expiresAt.slice(0, 10),
    });
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: draftModal(t, draft, link, note) });
    } catch (error) {
      // The trigger lasts three seconds: past it, the draft still reaches the rep, as a message only they see.
      requestLogger(p.logger, context?.requestFields).warn(
        { err: error },
        'could not open the draft modal: sending the draft as an ephemeral message',
      );
      // The draft is plain text (the email as it will be sent); a message reads mrkdwn.
      await respond(ephemeral(`${note}\n\n${escapeMrkdwn(draft)}`));
    }
    await p
      .deliverInvitationToTeams(invitation.id, code)
      .catch((error) =>
        requestLogger(p.logger, context?.requestFields).warn(
          { err: error, invitation: invitation.id },
          'could not deliver the invitation card in Teams',
        ),
      );
  });
}
