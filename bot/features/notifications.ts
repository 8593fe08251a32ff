import type { Translate } from '../../i18n/i18n';
import { milestoneAudience } from '../../services/partnerships/milestoneAudience';
import { type MilestoneListener, VerificationWatcher } from '../../services/verification/verificationWatcher';
import { partnershipServiceFor } from './partnershipServiceFor';
import type { Feature, FeatureDeps } from './feature';
import type { Notifier, SlackNoticeRenderer, TeamsNoticeRenderer } from '../proactive/notifier';
import { mountVerificationWebhook } from '../proactive/verificationWebhook';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The verification notice in plain words: where it stands, then what to do next. */
export function verificationText(t: Translate, params: Record<string, unknown>): string {
  const status = str(params.status);
  const sub = str(params.subStatus) || 'None';
  const name = str(params.companyName);
  const lines = [
    name ? t('notifications:verification.title', { companyName: name }) : t('notifications:verification.titleNoName'),
    t(`notifications:verification.state.${status}`),
  ];
  if (status === 'Pending') lines.push(t(`notifications:verification.step.${sub}`));
  if (status === 'Authorized' || status === 'Rejected') lines.push(t(`notifications:verification.next.${status}`));
  return lines.join('\n\n');
}

export const teamsNotices: Record<string, TeamsNoticeRenderer> = {
  'verification.changed': (t, params) => ({ type: 'message', text: verificationText(t, params) }),
  'mpa.signed': (t, params) => ({
    type: 'message',
    text: str(params.companyName)
      ? t('notifications:mpa.signed', { companyName: str(params.companyName) })
      : t('notifications:mpa.signedNoName'),
  }),
  'mpa.reminder': (t) => ({ type: 'message', text: t('notifications:mpa.reminder') }),
};

/** What distributors read in their Slack channel when one of their resellers reaches a milestone. */
export const slackNotices: Record<string, SlackNoticeRenderer> = {
  'reseller.verified': (t, params) => ({
    text: t('notifications:slack.verified', { companyName: str(params.companyName) }),
  }),
  'reseller.mpaSigned': (t, params) => ({
    text: t('notifications:slack.mpaSigned', { companyName: str(params.companyName) }),
  }),
};

/**
 * Delivers a reseller's milestone to whoever services/partnerships/milestoneAudience.ts says should hear
 * it (its distributors with an active partnership, M2, M3); the decision is not made here.
 */
export function tellDistributors(
  partnerships: { listProviders(resellerTenantId: string): Promise<Parameters<typeof milestoneAudience>[1]> },
  notifier: Pick<Notifier, 'slackChannel'>,
): MilestoneListener {
  return async (event) => {
    for (const notice of milestoneAudience(event, await partnerships.listProviders(event.tenantId))) {
      await notifier.slackChannel(notice.channelId, { renderer: notice.renderer, params: notice.params }, notice.key);
    }
  };
}

/**
 * Verification and MPA notifications (E5, M1-M5): the watcher polling Partner Center, the signed
 * webhook, the MPA reminder, and their renderers. Delivery itself is the durable notifier's
 * (bot/proactive/durableNotifier.ts), started by the composition root for every feature.
 */
export function notificationsFeature(deps: FeatureDeps): Feature {
  const settings = deps.config.notifications;
  // Only to list a reseller's providers and their channels; built on first use (partnershipServiceFor),
  // so a store that is down at start does not stop the start.
  const partnerships = {
    listProviders: async (resellerTenantId: string) =>
      (await partnershipServiceFor(deps)).listProviders(resellerTenantId),
  };
  const watcher = new VerificationWatcher({
    partners: deps.partners,
    partnerCenter: deps.partnerCenter,
    distributorTenantId: deps.distributorTenantId,
    notifier: deps.notifier,
    records: deps.store.records,
    logger: deps.logger,
    pollMs: settings.verificationPollMs,
    mpaReminderEveryMs: settings.mpaReminderEveryMs,
    onMilestone: tellDistributors(partnerships, deps.notifier),
  });
  return {
    name: 'notifications',
    teamsNotices,
    slackNotices,
    routes: [
      mountVerificationWebhook({
        secret: settings.webhookSecret,
        records: deps.store.records,
        watcher,
        logger: deps.logger,
        maxBodyBytes: deps.config.maxBodyBytes,
      }),
    ],
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}
