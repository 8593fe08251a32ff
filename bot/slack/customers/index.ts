// The one entry to the Slack side of customers: bot/features/customers.ts registers it with the Bolt app.
import type { App } from '@slack/bolt';
import { registerActions } from './actions';
import type { SlackCustomers } from './context';
import { registerViews } from './views';

export type { SlackCustomers } from './context';

/**
 * The Slack side of customers: Approve / Reject on a request (from the approvals channel or the App
 * Home), the reason modal, and `/csp resellers` → a reseller's customers. No subcommands of its own.
 */
export function slackCustomers(s: SlackCustomers) {
  return {
    register(app: App) {
      registerActions(app, s);
      registerViews(app, s);
    },
  };
}
