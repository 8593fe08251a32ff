import type { App } from '@slack/bolt';
import type { SlackFeature } from '../slackFeature';
import { registerActions } from './actions';
import { partnershipSubcommands } from './commands';
import type { SlackPartnerships } from './context';
import { registerViews } from './views';

export type { SlackPartnerships } from './context';

/** The Slack side of partnerships: `/csp` subcommands, then block actions and modal submissions. */
export function slackPartnerships(p: SlackPartnerships): SlackFeature {
  return {
    subcommands: partnershipSubcommands(p),
    register(app: App) {
      registerActions(app, p);
      registerViews(app, p);
    },
  };
}
