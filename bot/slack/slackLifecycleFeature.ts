import type { AuditEntry } from '../../services/partnerships/types';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import type { Feature, FeatureDeps } from '../feature';
import { partnershipServiceFor } from '../partnershipServiceFor';
import { SlackInstallation } from './slackInstallation';

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
  return {
    name: 'slack-lifecycle',
    slack: {
      register(app) {
        for (const [event, action] of Object.entries(LIFECYCLE_EVENTS)) {
          app.event(event, async ({ body, event: payload }) => {
            // tokens_revoked also reports user tokens, which this app never posts with.
            const bots = (payload as { tokens?: { bot?: string[] } }).tokens?.bot;
            if (event === 'tokens_revoked' && !bots?.length) return;
            const teamId = (body as { team_id?: string }).team_id ?? '';
            const first = await installation.revoke({ teamId, event, at: deps.clock().toISOString() });
            if (!first) return;
            log.warn({ teamId, event }, 'Slack access ended: no more posting to this workspace');
            const service = await partnershipServiceFor(deps);
            await service.audit(
              PartnershipService.providerIdOf(teamId),
              { platform: 'slack', userId: 'slack' },
              action,
              'done',
              [],
              { event },
            );
          });
        }
      },
    },
  };
}
