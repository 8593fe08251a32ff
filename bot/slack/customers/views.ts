// The customers modals' listeners (Slack's view submissions), one file per listener kind as in bot/slack/partnerships.
import type { App, ViewSubmitAction } from '@slack/bolt';
import { CUSTOMER_CALLBACK, REASON_ACTION, REASON_BLOCK } from '../../../cards/slack/customers/ids';
import { plainTranslator } from '../../../i18n/slackMrkdwn';
import { slackTeamOf } from '../slackTeam';
import { notDecidedText, type SlackCustomers } from './context';
import { requestLogger } from '../../observability/requestContext';

/**
 * The reject modal's submission: the service decides (only an approver, only a pending request); a
 * refusal stays in the modal under the reason, so the rep sees it where they typed.
 */
export function registerViews(app: App, s: SlackCustomers) {
  app.view<ViewSubmitAction>(CUSTOMER_CALLBACK.reject, async ({ ack, body, view, client, context }) => {
    const teamId = slackTeamOf(body);
    const t = await s.languages.translatorFor(client, teamId, body.user.id);
    const reason = String(view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value ?? '').trim();
    const outcome = await s.decisions.reject(
      teamId,
      view.private_metadata,
      await s.people.actor(client, body.user),
      reason,
    );
    if (!outcome.ok) {
      // Slack shows a modal's error as plain text: names in it as typed.
      const error = notDecidedText(plainTranslator(t), outcome).slice(0, 300);
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: error } });
      return;
    }
    await ack();
    await s
      .afterDecision(client, outcome.request)
      .catch((error) =>
        requestLogger(s.logger, context?.requestFields).error({ err: error }, 'could not tell about the rejection'),
      );
  });
}
