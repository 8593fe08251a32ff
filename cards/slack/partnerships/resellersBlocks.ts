/**
 * `/csp resellers`: the provider's partnerships (P7: an active one can be removed), each reseller's
 * customers one click away, and the open invitations with Resend and Revoke, within Slack's 50 blocks.
 */
import type { KnownBlock } from '@slack/types';
import { formatNumber, languageOf } from '../../../i18n/format';
import type { Translate } from '../../../i18n/i18n';
import type { Invitation, ResellerRow } from '../../../services/partnerships/types';
import { mrkdwnTranslator, plainTranslator } from '../../../i18n/slackMrkdwn';
import { blockKit } from '../blockKit';
import { CUSTOMER_ACTION } from '../customers/ids';
import { READINESS_ACTION } from '../readiness/ids';
import { ACTION } from './ids';

const { plain, mrkdwn, shorten } = blockKit;

/** Slack's limit: 50 blocks in a message. */
const MAX_MESSAGE_BLOCKS = 50;

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
  slackT: Translate,
  rows: ResellerRow[],
  invitations: Array<Invitation & { expired: boolean }>,
): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  // Buttons are plain_text: the reseller's name as it is.
  const plainT = plainTranslator(t);
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
          text: plainT('partnerships:slack.resellers.customersButton', {
            // The count must survive the 75-character limit of a button: a long name gives way.
            name: shorten(row.reseller?.legalName ?? row.partnership.resellerId, 50),
            count: row.customerCount ?? '?',
          }).slice(0, 75),
        },
      })),
    });
    // Issue 15 item 6: each reseller's conditions on an order, one click away (the same as /csp ready).
    blocks.push({
      type: 'actions',
      block_id: 'partnerships.resellers.ready',
      elements: rows.slice(0, 20).map((row) => ({
        type: 'button' as const,
        action_id: READINESS_ACTION.reseller,
        value: row.partnership.resellerId,
        text: plain(
          plainT('ready:slack.button', { name: shorten(row.reseller?.legalName ?? row.partnership.resellerId, 50) }),
          75,
        ),
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
