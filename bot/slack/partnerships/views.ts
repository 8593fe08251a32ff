import type { App, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { CALLBACK, FIELD_ACTION, NO_GROUP, SETUP_LANGUAGE_BLOCK } from '../../../cards/slack/partnerships/ids';
import { draftModal, EMAIL_LANGUAGE_BLOCK } from '../../../cards/slack/partnerships/invitationModals';
import { languageOf } from '../../../i18n/format';
import { SUPPORTED_LANGUAGES } from '../../../i18n/i18n';
import type { Translate } from '../../../i18n/i18n';
import { markup, plainTranslator } from '../../../i18n/slackMrkdwn';
import { refusedFields } from '../../../services/partnerships/fieldRefusals';
import type { ApproverGroup, Refusal } from '../../../services/partnerships/types';
import { partnershipRefusalText } from '../distributorWords';
import { slackTeamOf } from '../slackTeam';
import { invitationDraft, type SlackPartnerships } from './context';
import { groupHandle } from './userGroups';
import { requestLogger } from '../../observability/requestContext';

type Values = ViewOutput['state']['values'];

const text = (values: Values, block: string) => values[block]?.[FIELD_ACTION]?.value?.trim() || undefined;

/**
 * A modal's `errors`: every field the refusal names under its own block (`blockOf` renames the service's
 * field names where the blocks differ), all at once; a refusal about no field under `fallback`. Slack
 * shows an error as plain text: what the rep typed is quoted as typed.
 */
function modalErrors(
  slackT: Translate,
  refusal: Refusal,
  fallback: string,
  blockOf: Record<string, string>,
): Record<string, string> {
  const t = plainTranslator(slackT);
  const errors: Record<string, string> = {};
  const add = (block: string, message: string) => {
    errors[block] = (errors[block] ? `${errors[block]} ${message}` : message).slice(0, 2000);
  };
  const fields = refusedFields(refusal).filter((f) => f.field in blockOf);
  if (fields.length === 0) add(fallback, partnershipRefusalText(t, refusal));
  for (const { field, refusal: about } of fields) add(blockOf[field], partnershipRefusalText(t, about));
  return errors;
}

/** The user group chosen in the set-up modal, with the name it was shown under; none for "no group". */
function chosenGroup(values: Values): ApproverGroup | undefined {
  const selected = values.approverGroup?.[FIELD_ACTION]?.selected_option;
  if (!selected?.value || selected.value === NO_GROUP) return undefined;
  return { id: selected.value, name: selected.text?.text ?? selected.value };
}

/** The set-up modal's block for each field of the service's input (the two lists are named apart). */
const SETUP_BLOCKS: Record<string, string> = {
  legalName: 'legalName',
  mpnId: 'mpnId',
  tenantId: 'tenantId',
  country: 'country',
  approverUserIds: 'approvers',
  channelId: 'channel',
  partnerCenterLink: 'partnerCenterLink',
};
const INVITE_BLOCKS: Record<string, string> = { email: 'email', companyName: 'companyName', mpnId: 'mpnId' };

/** The channel language chosen in the set-up modal; a missing or unknown one is the submitter's. */
const languageField = z.enum(SUPPORTED_LANGUAGES);

export function registerViews(app: App, p: SlackPartnerships) {
  app.view(CALLBACK.setup, async ({ ack, body, view, client }) => {
    /** The group as reps mention it (`@csp-approvers`), never its id (`S0APPR`), in every later summary. */
    const named = async (group: ApproverGroup | undefined) =>
      group && { ...group, name: (await groupHandle(client, p.logger, group.id)) ?? group.name };
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const values = view.state.values;
    const input = {
      legalName: text(values, 'legalName') ?? '',
      mpnId: text(values, 'mpnId') ?? '',
      tenantId: text(values, 'tenantId') ?? '',
      country: (text(values, 'country') ?? '').toUpperCase(),
      approverUserIds: values.approvers?.[FIELD_ACTION]?.selected_users ?? [],
      approverGroup: await named(chosenGroup(values)),
      channelId: values.channel?.[FIELD_ACTION]?.selected_conversation ?? '',
      partnerCenterLink: text(values, 'partnerCenterLink'),
      gdapRoles: values.gdapRoles?.[FIELD_ACTION]?.selected_options?.map((o) => o.value),
    };
    const admin = await p.isWorkspaceAdmin(client, body.user.id);
    const outcome = await p.service.providers.setUpProvider(
      teamId,
      input,
      await p.people.actor(client, body.user),
      admin,
    );
    if (!outcome.ok) {
      const fallback = outcome.refusal.kind === 'rules' ? 'country' : 'legalName';
      const errors = modalErrors(t, outcome.refusal, fallback, SETUP_BLOCKS);
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const { partner, settings } = outcome.value;
    const chosen = languageField.safeParse(values[SETUP_LANGUAGE_BLOCK]?.[FIELD_ACTION]?.selected_option?.value);
    await p.languages.chooseForChannel(settings.channelId, chosen.success ? chosen.data : languageOf(t));
    await client.chat.postMessage({
      channel: body.user.id,
      text: t('partnerships:slack.setup.saved', {
        name: partner.legalName,
        mpnId: partner.mpnId,
        country: partner.country,
        // Mentions, and the group's line this translator escaped already: our own mrkdwn, passed as it is.
        approvers: markup(
          [
            ...settings.approverUserIds.map((u) => `<@${u}>`),
            ...(settings.approverGroup
              ? [t('partnerships:slack.setup.groupMembers', { group: settings.approverGroup.name })]
              : []),
          ].join(', '),
        ),
        channel: markup(`<#${settings.channelId}>`),
      }),
    });
  });

  app.view(CALLBACK.invite, async ({ ack, body, view, client, context }) => {
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const values = view.state.values;
    const outcome = await p.service.invitations.createInvitation(
      teamId,
      {
        email: text(values, 'email') ?? '',
        companyName: text(values, 'companyName'),
        mpnId: text(values, 'mpnId'),
        emailLanguage: languageField.safeParse(values[EMAIL_LANGUAGE_BLOCK]?.[FIELD_ACTION]?.selected_option?.value)
          .data,
      },
      await p.people.actor(client, body.user),
    );
    if (!outcome.ok) {
      const fallback = outcome.refusal.kind === 'rules' ? (text(values, 'mpnId') ? 'mpnId' : 'email') : 'email';
      await ack({ response_action: 'errors', errors: modalErrors(t, outcome.refusal, fallback, INVITE_BLOCKS) });
      return;
    }
    const { invitation, code, provider } = outcome.value;
    const { link, draft } = invitationDraft(p, t, { invitation, code, provider });
    await ack({ response_action: 'update', view: draftModal(t, draft, link) });
    await p
      .deliverInvitationToTeams(invitation.id, code)
      .catch((error) =>
        requestLogger(p.logger, context?.requestFields).warn(
          { err: error, invitation: invitation.id },
          'could not deliver the invitation card in Teams',
        ),
      );
  });

  app.view(CALLBACK.remove, async ({ ack, body, view, client, context }) => {
    const teamId = slackTeamOf(body);
    const t = await p.languages.translatorFor(client, teamId, body.user.id);
    const resellerId = view.private_metadata;
    const notify = (view.state.values.notify?.[FIELD_ACTION]?.selected_options ?? []).some((o) => o.value === 'notify');
    const outcome = await p.service.partnerships.removePartnership(
      teamId,
      resellerId,
      await p.people.actor(client, body.user),
    );
    if (!outcome.ok) {
      const error = partnershipRefusalText(plainTranslator(t), outcome.refusal);
      await ack({ response_action: 'errors', errors: { notify: error } });
      return;
    }
    await ack();
    const provider = await p.service.getProviderBySlackTeam(teamId);
    if (provider) p.partnershipChanged?.(provider);
    const reseller = resellerId;
    if (notify && provider) {
      await p
        .notifyResellerOfRemoval(
          resellerId,
          provider.partner.legalName ?? '',
          `${resellerId}:${outcome.value.decidedAt}`,
        )
        .catch((error) =>
          requestLogger(p.logger, context?.requestFields).warn(
            { err: error },
            'could not tell the reseller about the removal',
          ),
        );
    }
    await client.chat.postMessage({
      channel: body.user.id,
      text: t(notify ? 'partnerships:slack.remove.doneNotified' : 'partnerships:slack.remove.done', { reseller }),
    });
  });
}
