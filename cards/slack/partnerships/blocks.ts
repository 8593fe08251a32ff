import type { KnownBlock, ModalView } from '@slack/types';
import { formatNumber, languageOf } from '../../../i18n/format';
import { type Language, SUPPORTED_LANGUAGES, type Translate } from '../../../i18n/i18n';
import type {
  ApproverGroup,
  AuditEntry,
  Invitation,
  Provider,
  ResellerRow,
} from '../../../services/partnerships/types';
import { providerSetupGuidance } from '../../../services/rules/guidance';
import { removalConsequences } from '../../../services/rules/partnershipEffects';
import { CUSTOMER_ACTION } from '../customers/blocks';

export const CALLBACK = {
  setup: 'partnerships.setup',
  invite: 'partnerships.invite',
  draft: 'partnerships.draft',
  remove: 'partnerships.remove',
} as const;

export const ACTION = {
  remove: 'partnerships.remove',
  revoke: 'partnerships.revoke',
  resend: 'partnerships.resend',
} as const;

/** The approver-group select's "no group" choice (a static select cannot be emptied once chosen). */
export const NO_GROUP = 'none';

/** Slack's limits: 100 options in a static select, 75 characters of option text, 50 blocks in a message. */
const MAX_OPTIONS = 100;
const MAX_MESSAGE_BLOCKS = 50;

/** The input blocks of the modals: block id = field name, action id `value`. */
export const FIELD_ACTION = 'value';
/** The set-up modal's choice of the language the channel's messages are written in. */
export const SETUP_LANGUAGE_BLOCK = 'channelLanguage';

const plain = (text: string) => ({ type: 'plain_text' as const, text: text.slice(0, 150), emoji: true });
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: text.slice(0, 3000) });

function textInput(
  blockId: string,
  label: string,
  options: { initial?: string; optional?: boolean; hint?: string; multiline?: boolean; placeholder?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION,
      multiline: options.multiline ?? false,
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  };
}

/**
 * The approver group: a static select filled from usergroups.list when the modal opens (Block Kit has
 * no user-group select). Chosen over an external_select, which would need an options-load URL in the
 * manifest and a round trip per keystroke, for a list that rarely passes a few dozen groups; past 100
 * (Slack's cap) the current group and the first ones by name are offered. No groups at all (a Free
 * plan, or Slack would not say): a line saying so instead of an empty select, which Slack refuses.
 */
function approverGroupBlock(t: Translate, groups: ApproverGroup[] | undefined, current?: ApproverGroup): KnownBlock {
  const listed = groups ?? [];
  const offered = current && !listed.some((g) => g.id === current.id) ? [current, ...listed] : listed;
  if (offered.length === 0) {
    return { type: 'context', elements: [mrkdwn(t('partnerships:slack.setup.noGroups'))] };
  }
  const option = (value: string, text: string) => ({ value, text: plain(text.slice(0, 75)) });
  const none = option(NO_GROUP, t('partnerships:slack.setup.noGroup'));
  const options = [none, ...offered.slice(0, MAX_OPTIONS - 1).map((g) => option(g.id, g.name))];
  const initial = current ? options.find((o) => o.value === current.id) : undefined;
  return {
    type: 'input',
    block_id: 'approverGroup',
    optional: true,
    label: plain(t('partnerships:slack.setup.approverGroup')),
    hint: plain(t('partnerships:slack.setup.approverGroupHint')),
    element: {
      type: 'static_select',
      action_id: FIELD_ACTION,
      placeholder: plain(t('partnerships:slack.setup.approverGroupPlaceholder')),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * `/csp setup`: the workspace as an indirect provider (legal name, MPN ID, tenant, country, approvers
 * as named users and/or one user group, channel) and the language of the channel's messages: the
 * channel's current one, else the language of the person setting it up. `groups`: the workspace's user groups, if Slack said.
 * The distributor's Partner Center link for reseller relationship requests (P2) is asked once here;
 * `linkOptional` in sandbox mode, where the sandbox's stand-in page serves instead.
 */
export function setupModal(
  t: Translate,
  current?: Provider,
  groups?: ApproverGroup[],
  channelLanguage?: Language,
  linkOptional = false,
): ModalView {
  const p = current?.partner;
  const languageOption = (language: Language) => ({
    text: plain(t(`common:languageName.${language}`)),
    value: language,
  });
  return {
    type: 'modal',
    callback_id: CALLBACK.setup,
    title: plain(t('partnerships:slack.setup.title')),
    submit: plain(t('partnerships:slack.setup.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.setup.intro')) },
      { type: 'context', elements: providerSetupGuidance().map((g) => mrkdwn(t(`rules:guidance.${g.code}`))) },
      textInput('legalName', t('partnerships:slack.setup.legalName'), { initial: p?.legalName }),
      textInput('mpnId', t('partnerships:slack.setup.mpnId'), { initial: p?.mpnId }),
      textInput('tenantId', t('partnerships:slack.setup.tenantId'), { initial: p?.tenantId }),
      textInput('country', t('partnerships:slack.setup.country'), {
        initial: p?.country,
        hint: t('partnerships:slack.setup.countryHint'),
      }),
      {
        type: 'input',
        block_id: 'approvers',
        optional: true,
        label: plain(t('partnerships:slack.setup.approvers')),
        hint: plain(t('partnerships:slack.setup.approversHint')),
        element: {
          type: 'multi_users_select',
          action_id: FIELD_ACTION,
          ...(current?.settings.approverUserIds.length ? { initial_users: current.settings.approverUserIds } : {}),
        },
      },
      approverGroupBlock(t, groups, current?.settings.approverGroup),
      textInput('partnerCenterLink', t('partnerships:slack.setup.partnerCenterLink'), {
        initial: current?.settings.partnerCenterLink,
        optional: linkOptional,
        hint: t(
          linkOptional
            ? 'partnerships:slack.setup.partnerCenterLinkSandboxHint'
            : 'partnerships:slack.setup.partnerCenterLinkHint',
        ),
      }),
      {
        type: 'input',
        block_id: 'channel',
        label: plain(t('partnerships:slack.setup.channel')),
        element: {
          type: 'conversations_select',
          action_id: FIELD_ACTION,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(current?.settings.channelId ? { initial_conversation: current.settings.channelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: SETUP_LANGUAGE_BLOCK,
        label: plain(t('partnerships:slack.setup.language')),
        hint: plain(t('partnerships:slack.setup.languageHint')),
        element: {
          type: 'static_select',
          action_id: FIELD_ACTION,
          options: SUPPORTED_LANGUAGES.map(languageOption),
          initial_option: languageOption(channelLanguage ?? languageOf(t)),
        },
      },
    ],
  };
}

/** `/csp invite`: who to ask to partner (P2). */
export function inviteModal(t: Translate): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.invite,
    title: plain(t('partnerships:slack.invite.title')),
    submit: plain(t('partnerships:slack.invite.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.invite.intro')) },
      textInput('email', t('partnerships:slack.invite.email')),
      textInput('companyName', t('partnerships:slack.invite.companyName'), { optional: true }),
      textInput('mpnId', t('partnerships:slack.invite.mpnId'), {
        optional: true,
        hint: t('partnerships:slack.invite.mpnIdHint'),
      }),
    ],
  };
}

/** The draft email for the rep to copy (P2: editable, but the link must stay). */
export function draftEmail(
  t: Translate,
  input: { providerName: string; companyName?: string; link: string; expiresAt: string },
) {
  return t('partnerships:slack.invite.draftEmail', {
    provider: input.providerName,
    company: input.companyName || t('partnerships:slack.invite.draftGreetingFallback'),
    link: input.link,
    expires: input.expiresAt,
  });
}

/** `note`: what a resend did (the same link again, or a new one that replaces the expired link). */
export function draftModal(t: Translate, draft: string, link: string, note?: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.draft,
    title: plain(t('partnerships:slack.invite.draftTitle')),
    close: plain(t('partnerships:slack.close')),
    blocks: [
      ...(note ? [{ type: 'section' as const, text: mrkdwn(note) }] : []),
      { type: 'section', text: mrkdwn(t('partnerships:slack.invite.draftIntro')) },
      textInput('draft', t('partnerships:slack.invite.draftLabel'), { initial: draft, multiline: true }),
      { type: 'context', elements: [mrkdwn(t('partnerships:slack.invite.keepLink', { link }))] },
    ],
  };
}

function stateLabel(t: Translate, row: ResellerRow): string {
  const r = row.reseller;
  const customers = row.customerCount;
  return t('partnerships:slack.resellers.row', {
    name: r?.legalName ?? row.partnership.resellerId,
    state: t(`partnerships:state.${row.partnership.state}`, { defaultValue: row.partnership.state }),
    verification: t(`partnerships:verification.${r?.status?.verification ?? 'None'}`, {
      defaultValue: r?.status?.verification ?? '-',
    }),
    mpa: t(
      r?.status?.mpaSigned ? 'partnerships:slack.resellers.mpaSigned' : 'partnerships:slack.resellers.mpaNotSigned',
    ),
    customers:
      customers === undefined
        ? t('partnerships:slack.resellers.customersUnknown')
        : formatNumber(languageOf(t), customers),
    since: row.partnership.decidedAt ?? '-',
  });
}

/** `/csp resellers`: active partnerships with a Remove button, then pending and expired invitations. */
export function resellersBlocks(
  t: Translate,
  rows: ResellerRow[],
  invitations: Array<Invitation & { expired: boolean }>,
): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(t('partnerships:slack.resellers.title')) }];
  if (rows.length === 0) blocks.push({ type: 'section', text: mrkdwn(t('partnerships:slack.resellers.none')) });
  for (const row of rows.slice(0, 20)) {
    // P7 removes an active partnership; one still waiting for Partner Center has nothing to remove yet.
    const removable = row.partnership.state === 'active';
    blocks.push({
      type: 'section',
      text: mrkdwn(stateLabel(t, row)),
      ...(removable
        ? {
            accessory: {
              type: 'button' as const,
              action_id: ACTION.remove,
              value: row.partnership.resellerId,
              style: 'danger' as const,
              text: plain(t('partnerships:slack.resellers.remove')),
            },
          }
        : {}),
    });
  }
  // One button per reseller, in one block (a section has room for one button, and Remove is there):
  // its customers and their subscriptions, one click away.
  if (rows.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'partnerships.resellers.customers',
      elements: rows.slice(0, 20).map((row) => ({
        type: 'button' as const,
        action_id: CUSTOMER_ACTION.resellerCustomers,
        value: row.partnership.resellerId,
        text: {
          type: 'plain_text' as const,
          emoji: true,
          text: t('partnerships:slack.resellers.customersButton', {
            // The count must survive the 75-character limit of a button: a long name gives way.
            name: shorten(row.reseller?.legalName ?? row.partnership.resellerId, 50),
            count: row.customerCount ?? '?',
          }).slice(0, 75),
        },
      })),
    });
  }
  blocks.push(...invitationBlocks(t, invitations, MAX_MESSAGE_BLOCKS - blocks.length));
  return blocks;
}

/**
 * The open invitations, each a line and its Resend and Revoke buttons (approvers only: the service
 * refuses anyone else), in at most `room` blocks; those that do not fit are counted on a last line.
 */
function invitationBlocks(
  t: Translate,
  invitations: Array<Invitation & { expired: boolean }>,
  room: number,
): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(t('partnerships:slack.resellers.invitationsTitle')) }];
  if (invitations.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('partnerships:slack.resellers.noInvitations')) });
    return blocks;
  }
  // Two blocks per invitation; keep one for the "more not shown" line when they do not all fit.
  const fits = invitations.length * 2 <= room - 1 ? invitations.length : Math.max(0, Math.floor((room - 2) / 2));
  for (const invitation of invitations.slice(0, fits)) {
    blocks.push(
      {
        type: 'section',
        text: mrkdwn(
          t('partnerships:slack.resellers.invitationRow', {
            email: invitation.email,
            company: invitation.companyName ?? '-',
            state: t(
              invitation.expired ? 'partnerships:slack.resellers.expired' : 'partnerships:slack.resellers.pending',
            ),
            expires: invitation.expiresAt,
          }),
        ),
      },
      {
        type: 'actions',
        block_id: `invitation.${invitation.id}`,
        elements: [
          {
            type: 'button',
            action_id: ACTION.resend,
            value: invitation.id,
            ...(invitation.expired ? { style: 'primary' as const } : {}),
            text: plain(t('partnerships:slack.resellers.resend')),
          },
          {
            type: 'button',
            action_id: ACTION.revoke,
            value: invitation.id,
            text: plain(t('partnerships:slack.resellers.revoke')),
          },
        ],
      },
    );
  }
  if (fits < invitations.length) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(t('partnerships:slack.resellers.moreInvitations', { hidden: invitations.length - fits }))],
    });
  }
  return blocks;
}

/** P7 in full, with an optional "notify the reseller" box; the reseller rides in private_metadata, re-checked on submit. */
export function removeModal(t: Translate, reseller: { id: string; name: string }): ModalView {
  const consequences = removalConsequences()
    .map((c) => `• ${t(`rules:removal.${c.code}`)}`)
    .join('\n');
  return {
    type: 'modal',
    callback_id: CALLBACK.remove,
    private_metadata: reseller.id,
    title: plain(t('partnerships:slack.remove.title')),
    submit: plain(t('partnerships:slack.remove.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.remove.intro', { name: reseller.name })) },
      { type: 'section', text: mrkdwn(consequences) },
      {
        type: 'input',
        block_id: 'notify',
        optional: true,
        label: plain(t('partnerships:slack.remove.notifyLabel')),
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION,
          options: [{ text: plain(t('partnerships:slack.remove.notify')), value: 'notify' }],
        },
      },
    ],
  };
}

export function auditBlocks(t: Translate, entries: AuditEntry[]): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(t('partnerships:slack.audit.title')) }];
  if (entries.length === 0) blocks.push({ type: 'section', text: mrkdwn(t('partnerships:slack.audit.none')) });
  const lines = entries.map((e) =>
    t('partnerships:slack.audit.row', {
      at: e.at,
      who: e.actor.name ?? e.actor.userId,
      platform: e.actor.platform,
      action: t(`partnerships:audit.${e.action}`),
      outcome: t(`partnerships:audit.outcome.${e.outcome}`),
      rules: e.rules.join(', ') || '-',
    }),
  );
  for (let i = 0; i < lines.length; i += 10)
    blocks.push({ type: 'section', text: mrkdwn(lines.slice(i, i + 10).join('\n')) });
  return blocks;
}

export function noticeBlocks(text: string): KnownBlock[] {
  return [{ type: 'section', text: mrkdwn(text) }];
}
