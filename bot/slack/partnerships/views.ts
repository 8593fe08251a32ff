import type { App, SlackViewAction, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import {
  CALLBACK,
  draftModal,
  FIELD_ACTION,
  NO_GROUP,
  SETUP_LANGUAGE_BLOCK,
} from '../../../cards/slack/partnerships/blocks';
import { languageOf } from '../../../i18n/format';
import { SUPPORTED_LANGUAGES } from '../../../i18n/i18n';
import { refusalMessages } from '../../../services/partnerships/messages';
import type { ApproverGroup, Refusal } from '../../../services/partnerships/types';
import { invitationDraft, type SlackPartnerships, say, slackActor } from './context';

type Values = ViewOutput['state']['values'];

const text = (values: Values, block: string) => values[block]?.[FIELD_ACTION]?.value?.trim() || undefined;

/** Which modal block shows a refusal (the field it is about, else the given default). */
function errorsFor(refusal: Refusal, message: string, fallback: string, fields: string[]): Record<string, string> {
  const field = refusal.kind === 'input' && refusal.field && fields.includes(refusal.field) ? refusal.field : fallback;
  return { [field]: message.slice(0, 2000) };
}

const teamOf = (body: SlackViewAction) => body.team?.id ?? body.user.team_id ?? '';

/** The user group chosen in the set-up modal, with the name it was shown under; none for "no group". */
function chosenGroup(values: Values): ApproverGroup | undefined {
  const selected = values.approverGroup?.[FIELD_ACTION]?.selected_option;
  if (!selected?.value || selected.value === NO_GROUP) return undefined;
  return { id: selected.value, name: selected.text?.text ?? selected.value };
}

/** The channel language chosen in the set-up modal; a missing or unknown one is the submitter's. */
const channelLanguageField = z.enum(SUPPORTED_LANGUAGES);

export function registerViews(app: App, p: SlackPartnerships) {
  app.view(CALLBACK.setup, async ({ ack, body, view, client }) => {
    const teamId = teamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const values = view.state.values;
    const input = {
      legalName: text(values, 'legalName') ?? '',
      mpnId: text(values, 'mpnId') ?? '',
      tenantId: text(values, 'tenantId') ?? '',
      country: (text(values, 'country') ?? '').toUpperCase(),
      approverUserIds: values.approvers?.[FIELD_ACTION]?.selected_users ?? [],
      approverGroup: chosenGroup(values),
      channelId: values.channel?.[FIELD_ACTION]?.selected_conversation ?? '',
      partnerCenterLink: text(values, 'partnerCenterLink'),
    };
    const admin = await p.isWorkspaceAdmin(client, body.user.id);
    const outcome = await p.service.setUpProvider(teamId, input, slackActor(body.user), admin);
    if (!outcome.ok) {
      const message = say(t, refusalMessages(outcome.refusal));
      const fallback = outcome.refusal.kind === 'rules' ? 'country' : 'legalName';
      const fields = ['legalName', 'mpnId', 'tenantId', 'country', 'approverUserIds', 'channelId', 'partnerCenterLink'];
      const errors = errorsFor(outcome.refusal, message, fallback, fields);
      // zod names the fields as the service does; the blocks of the two lists are named differently.
      const renamed = Object.fromEntries(
        Object.entries(errors).map(([k, v]) => [
          k === 'approverUserIds' ? 'approvers' : k === 'channelId' ? 'channel' : k,
          v,
        ]),
      );
      await ack({ response_action: 'errors', errors: renamed });
      return;
    }
    await ack();
    const { partner, settings } = outcome.value;
    const chosen = channelLanguageField.safeParse(values[SETUP_LANGUAGE_BLOCK]?.[FIELD_ACTION]?.selected_option?.value);
    await p.languages.chooseForChannel(settings.channelId, chosen.success ? chosen.data : languageOf(t));
    await client.chat.postMessage({
      channel: body.user.id,
      text: t('partnerships:slack.setup.saved', {
        name: partner.legalName,
        mpnId: partner.mpnId,
        country: partner.country,
        approvers: [
          ...settings.approverUserIds.map((u) => `<@${u}>`),
          ...(settings.approverGroup
            ? [t('partnerships:slack.setup.groupMembers', { group: settings.approverGroup.name })]
            : []),
        ].join(', '),
        channel: `<#${settings.channelId}>`,
      }),
    });
  });

  app.view(CALLBACK.invite, async ({ ack, body, view, client }) => {
    const teamId = teamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const values = view.state.values;
    const outcome = await p.service.createInvitation(
      teamId,
      { email: text(values, 'email') ?? '', companyName: text(values, 'companyName'), mpnId: text(values, 'mpnId') },
      slackActor(body.user),
    );
    if (!outcome.ok) {
      const message = say(t, refusalMessages(outcome.refusal));
      const fallback = outcome.refusal.kind === 'rules' ? (text(values, 'mpnId') ? 'mpnId' : 'email') : 'email';
      await ack({
        response_action: 'errors',
        errors: errorsFor(outcome.refusal, message, fallback, ['email', 'companyName', 'mpnId']),
      });
      return;
    }
    const { invitation, code, provider } = outcome.value;
    const { link, draft } = invitationDraft(p, t, { invitation, code, provider });
    await ack({ response_action: 'update', view: draftModal(t, draft, link) });
    await p
      .deliverInvitationToTeams(invitation.id, code)
      .catch((error) =>
        p.logger.warn({ err: error, invitation: invitation.id }, 'could not deliver the invitation card in Teams'),
      );
  });

  app.view(CALLBACK.remove, async ({ ack, body, view, client }) => {
    const teamId = teamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const resellerId = view.private_metadata;
    const notify = (view.state.values.notify?.[FIELD_ACTION]?.selected_options ?? []).some((o) => o.value === 'notify');
    const outcome = await p.service.removePartnership(teamId, resellerId, slackActor(body.user));
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: { notify: say(t, refusalMessages(outcome.refusal)) } });
      return;
    }
    await ack();
    const provider = await p.service.getProviderBySlackTeam(teamId);
    const reseller = resellerId;
    if (notify && provider) {
      await p
        .notifyResellerOfRemoval(
          resellerId,
          provider.partner.legalName ?? '',
          `${resellerId}:${outcome.value.decidedAt}`,
        )
        .catch((error) => p.logger.warn({ err: error }, 'could not tell the reseller about the removal'));
    }
    await client.chat.postMessage({
      channel: body.user.id,
      text: t(notify ? 'partnerships:slack.remove.doneNotified' : 'partnerships:slack.remove.done', { reseller }),
    });
  });
}
