import type { WebClient } from '@slack/web-api';
import type { Provider } from '../../services/partnerships/types';
import type { Logger } from '../logger';
import { CoalescedRefresh } from './coalescedRefresh';
import type { SlackEdgeTools } from './slackFeature';

/**
 * A distributor's approvers see their App Home as it is now, after something on it changed (a request, a
 * decision, a partnership). Best effort: it is only a view; coalesced per approver, as each rebuild reads
 * every section again.
 */
export class ApproverHomes {
  private readonly homes: CoalescedRefresh;
  /** Lent by the Slack edge once it registers the feature's listeners (absent while Slack is off). */
  private edge?: SlackEdgeTools;

  constructor(logger: Logger) {
    this.homes = new CoalescedRefresh((error) => logger.debug({ err: error }, 'could not refresh an App Home'));
  }

  lend(edge: SlackEdgeTools): void {
    this.edge = edge;
  }

  async refresh(client: WebClient | undefined, provider: Provider | undefined): Promise<void> {
    const edge = this.edge;
    if (!client || !edge || !provider) return;
    const teamId = provider.settings.teamId;
    await Promise.all(
      provider.settings.approverUserIds.map((userId) =>
        this.homes.request(`${teamId}:${userId}`, () => edge.publishHome(client, teamId, userId)),
      ),
    );
  }
}
