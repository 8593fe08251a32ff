/** `/csp resellers` → Customers: one reseller's customers as Partner Center lists them. */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import { escapeMrkdwn as e, mrkdwnTranslator, plainTranslator } from '../../../i18n/slackMrkdwn';
import { blockKit } from '../blockKit';

const { plain, mrkdwn } = blockKit;

/** How many customers one reseller's list shows in a message (two blocks are the header and the footer). */
export const CUSTOMERS_SHOWN = 40;

/** A customer of a reseller, as listed from Partner Center, with each subscription's record and support contact. */
export interface CustomerLine {
  name: string;
  domain: string;
  subscriptions: Array<{ name: string; quantity: number; onRecord: boolean; supportContact: boolean }>;
}

/** `/csp resellers` → Customers: one reseller's customers and their subscriptions (C3, C4, C5, C6, P9). */
export function resellerCustomersBlocks(slackT: Translate, reseller: string, customers: CustomerLine[]): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(plainTranslator(t)('customers:slack.resellerCustomers.title', { reseller, count: customers.length })),
    },
  ];
  if (customers.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('customers:slack.resellerCustomers.none')) });
    return blocks;
  }
  for (const customer of customers.slice(0, CUSTOMERS_SHOWN)) {
    const subscriptions = customer.subscriptions.map((s) => {
      const marks = [
        s.onRecord ? t('customers:slack.resellerCustomers.onRecord') : undefined,
        s.supportContact ? t('customers:slack.resellerCustomers.supportContact') : undefined,
      ].filter(Boolean);
      const line = t('customers:slack.resellerCustomers.subscription', { name: s.name, count: s.quantity });
      return `• ${line}${marks.length ? ` (${marks.join(', ')})` : ''}`;
    });
    const lines = [
      `*${e(customer.name)}* · ${e(customer.domain)}`,
      ...(subscriptions.length ? subscriptions : [t('customers:slack.resellerCustomers.noSubscriptions')]),
    ];
    blocks.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
  }
  if (customers.length > CUSTOMERS_SHOWN) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(t('customers:slack.resellerCustomers.more', { count: customers.length - CUSTOMERS_SHOWN }))],
    });
  }
  return blocks;
}
