/**
 * A customer request as the distributor decides it (C3, C5, C6): the message in the approvals channel,
 * the App Home's pending list, both with Approve / Reject, and the reject modal that asks why.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { countryName, languageOf } from '../../../i18n/format';
import type { Translate } from '../../../i18n/i18n';
import { keysFor } from '../../../i18n/readers';
import { escapeMrkdwn as e, mrkdwnTranslator } from '../../../i18n/slackMrkdwn';
import { daysAndHours } from '../../../services/customers/requestClock';
import { blockKit } from '../blockKit';
import { CUSTOMER_ACTION, CUSTOMER_CALLBACK, REASON_ACTION, REASON_BLOCK } from './ids';

const { plain, mrkdwn } = blockKit;

/** How many requests the App Home lists before saying how many more wait. */
export const HOME_REQUESTS_SHOWN = 20;
export type RequestViewKind =
  'new-customer' | 'add-subscription' | 'reseller-on-record' | 'designated-support-contact' | 'licence-change';

/**
 * A request as the distributor sees it, as plain data (it waits in the outbox as a notice's
 * parameters, and is translated when the message is rendered).
 */
export interface RequestView {
  id: string;
  kind: RequestViewKind;
  reseller: string;
  requestedBy: string;
  companyName: string;
  domain: string;
  country: string;
  adminEmail: string;
  /** licence-change: `from` is the count before, `licences` the one asked for. */
  subscriptions: Array<{ name: string; licences: number; from?: number }>;
  /** add-subscription: the reseller also becomes the designated support contact (C5). */
  supportContact?: boolean;
  /** MCA1: the customer's acceptance of the Microsoft Customer Agreement the reseller gave, attested on approval. */
  agreement?: { name: string; email: string; phone?: string; date: string };
  createdAt?: string;
  /** Pending only: how long it has waited, and what is left of NCE1's cancellation window. */
  clock?: { ageMs: number; windowLeftMs?: number };
  /** R1: the last partner-of-record validation, when (ISO) and what Partner Center answered. */
  partnerOfRecord?: { when: string; partnerId: string; valid: boolean; errorCode?: string; cause?: string };
  /** Set once decided: who, when (an ISO timestamp, formatted in the reader's language) and, for a rejection, why. */
  decision?: { state: 'approved' | 'rejected' | 'failed' | 'cancelled'; who: string; when: string; reason?: string };
}

function summaryLines(t: Translate, view: RequestView): string[] {
  const lines = [
    `*${t('customers:slack.request.customer')}:* ${e(view.companyName)} (${e(view.domain)}, ${countryName(languageOf(t), view.country)})`,
    `*${t('customers:slack.request.reseller')}:* ${e(view.reseller)} (${e(view.requestedBy)})`,
  ];
  if (view.kind === 'new-customer')
    lines.splice(1, 0, `*${t('customers:slack.request.admin')}:* ${e(view.adminEmail)}`);
  if (view.agreement) lines.push(agreementLine(t, view.agreement));
  return lines;
}

/** MCA1: who accepted the agreement for the customer, and when (the day as the reseller gave it). */
function agreementLine(t: Translate, agreement: NonNullable<RequestView['agreement']>): string {
  const contact = [agreement.email, agreement.phone].filter(Boolean).join(', ');
  return `*${t('customers:slack.request.agreement')}:* ${t('customers:slack.request.agreementValue', {
    name: agreement.name,
    contact,
    date: agreement.date,
  })}`;
}

function subscriptionLines(t: Translate, view: RequestView): string {
  const key = view.kind === 'new-customer' || view.kind === 'add-subscription' ? 'subscription' : 'existing';
  return view.subscriptions
    .map((s) =>
      s.from === undefined
        ? `• ${t(`customers:slack.request.${key}`, { name: s.name, count: s.licences })}`
        : `• ${t('customers:slack.request.licenceChange', { name: s.name, from: s.from, count: s.licences })}`,
    )
    .join('\n');
}

/** Item 5 of issue 15, NCE1: the request's age and the cancellation window left, beside the request. */
function clockLine(t: Translate, clock: NonNullable<RequestView['clock']>): string {
  const age = t('customers:slack.request.age', daysAndHours(clock.ageMs));
  if (clock.windowLeftMs === undefined) return age;
  const window =
    clock.windowLeftMs > 0
      ? t('customers:slack.request.windowLeft', daysAndHours(clock.windowLeftMs))
      : t('customers:slack.request.windowClosed');
  return `${age} · ${window}`;
}

function decisionLine(t: Translate, decision: NonNullable<RequestView['decision']>): string {
  return t(`customers:slack.request.decided.${decision.state}`, {
    who: decision.who,
    when: decision.when,
    reason: decision.reason ?? '-',
  });
}

/** R1: the approver sees that Partner Center was asked, when, and what it said. */
function partnerOfRecordLine(t: Translate, check: NonNullable<RequestView['partnerOfRecord']>): string {
  const params = { partnerId: check.partnerId, when: check.when, code: check.errorCode ?? '-' };
  if (check.valid) return `✓ ${t('customers:slack.request.partnerOfRecord.valid', params)}`;
  const refused = `✗ ${t('customers:slack.request.partnerOfRecord.refused', params)}`;
  // R2: the cause, in the approver's words; R1's own cause needs Partner Center's description, not kept.
  if (!check.cause?.startsWith('R2.')) return refused;
  const facts = { partnerId: check.partnerId, errorCode: check.errorCode ?? '-' };
  return `${refused}\n${t(keysFor(`rules:violation.${check.cause}`, 'distributor'), facts)}`;
}

function decisionButtons(t: Translate, id: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `customers.request.${id}`.slice(0, 255),
    elements: [
      {
        type: 'button',
        action_id: CUSTOMER_ACTION.approve,
        style: 'primary',
        text: plain(t('customers:slack.request.approve'), 75),
        value: id,
      },
      {
        type: 'button',
        action_id: CUSTOMER_ACTION.reject,
        style: 'danger',
        text: plain(t('customers:slack.request.reject'), 75),
        value: id,
      },
    ],
  };
}

/** The request in the distributor's approvals channel: details, rule checks, Approve / Reject or the decision. */
export function requestBlocks(slackT: Translate, view: RequestView): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const extra = view.supportContact ? `\n${t('customers:slack.request.alsoSupportContact')}` : '';
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t(`customers:slack.request.kind.${view.kind}`)) },
    { type: 'section', text: mrkdwn(summaryLines(t, view).join('\n')) },
    {
      type: 'section',
      text: mrkdwn(
        `*${t(`customers:slack.request.subscriptionsTitle.${view.kind}`)}*\n${subscriptionLines(t, view)}${extra}`,
      ),
    },
    { type: 'context', elements: [mrkdwn(`✓ ${t('customers:slack.request.checks')}`)] },
  ];
  if (view.clock) blocks.push({ type: 'context', elements: [mrkdwn(clockLine(t, view.clock))] });
  if (view.partnerOfRecord)
    blocks.push({ type: 'context', elements: [mrkdwn(partnerOfRecordLine(t, view.partnerOfRecord))] });
  blocks.push(
    view.decision ? { type: 'section', text: mrkdwn(decisionLine(t, view.decision)) } : decisionButtons(t, view.id),
  );
  return blocks;
}

/** The App Home section: pending requests, oldest first, each with Approve / Reject. */
export function pendingHomeBlocks(slackT: Translate, views: RequestView[], total = views.length): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: plain(t('customers:slack.home.title', { count: total })) },
  ];
  if (views.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('customers:slack.home.none')) });
    return blocks;
  }
  for (const view of views.slice(0, HOME_REQUESTS_SHOWN)) {
    const heading = `*${t(`customers:slack.request.kind.${view.kind}`)}* · ${t('customers:slack.home.since', {
      when: view.createdAt ?? '',
    })}`;
    const clock = view.clock ? [clockLine(t, view.clock)] : [];
    const text = [heading, ...summaryLines(t, view), subscriptionLines(t, view), ...clock].join('\n');
    blocks.push({ type: 'section', text: mrkdwn(text) });
    blocks.push(decisionButtons(t, view.id));
  }
  if (total > HOME_REQUESTS_SHOWN) {
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(t('customers:slack.home.more', { count: total - Math.min(views.length, HOME_REQUESTS_SHOWN) })),
      ],
    });
  }
  return blocks;
}

/** Reject asks why; the reseller is told the reason. */
export function rejectModal(slackT: Translate, requestId: string, companyName: string): ModalView {
  const t = mrkdwnTranslator(slackT);
  return {
    type: 'modal',
    callback_id: CUSTOMER_CALLBACK.reject,
    private_metadata: requestId,
    title: plain(t('customers:slack.reject.title')),
    submit: plain(t('customers:slack.reject.submit')),
    close: plain(t('customers:slack.reject.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('customers:slack.reject.intro', { company: companyName })) },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plain(t('customers:slack.reject.reason')),
        element: { type: 'plain_text_input', action_id: REASON_ACTION, multiline: true, max_length: 500 },
      },
    ],
  };
}
