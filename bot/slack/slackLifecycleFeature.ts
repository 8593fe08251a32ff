import type { AuditEntry } from '../../services/partnerships/types';
import { providerIdOf } from '../../services/partnerships/providers';
import type { Feature, FeatureDeps } from '../features/feature';
import { partnershipServiceFor } from '../features/partnershipServiceFor';
import { SlackInstallation } from './slackInstallation';
import { slackTeamOf } from './slackTeam';

/** Slack's lifecycle events this feature hears, and the audit action each one is recorded as. */
const LIFECYCLE_EVENTS = {
  app_uninstalled: 'slack.uninstalled',
  tokens_revoked: 'slack.tokens-revoked',
} as const satisfies Record<string, AuditEntry['action']>;

/**
 * The workspace removing the app (`app_uninstalled`) or revoking its bot token (`tokens_revoked`): the
 * outbox stops posting there (DurableNotifier asks SlackInstallation before each Slack delivery) and the
 * provider's audit log says when and why.
 */
export function slackLifecycleFeature(deps: FeatureDeps): Feature {
  const token = deps.config.slack?.botToken;
  if (!token) return { name: 'slack-lifecycle' };
  const installation = new SlackInstallation(deps.store.records, token);
  const log = deps.logger.child({ component: 'slack-lifecycle' });
  const ended = async (teamId: string, event: keyof typeof LIFECYCLE_EVENTS) => {
    const first = await installation.revoke({ teamId, event, at: deps.clock().toISOString() });
    if (!first) return;
    const service = await partnershipServiceFor(deps);
    const actor = { platform: 'slack' as const, userId: 'slack' };
    await service.audit.write(providerIdOf(teamId), actor, LIFECYCLE_EVENTS[event], 'done', [], { event });
    log.warn({ teamId, event }, 'Slack access ended: no more posting to this workspace');
  };
  return {
    name: 'slack-lifecycle',
    slack: {
      register(app) {
        app.event('app_uninstalled', async ({ body }) => ended(slackTeamOf(body), 'app_uninstalled'));
        app.event('tokens_revoked', async ({ body, event }) => {
          // tokens_revoked also reports user tokens, which this app never posts with.
          if (event.tokens.bot?.length) await ended(slackTeamOf(body), 'tokens_revoked');
        });
      },
    },
  };
}
