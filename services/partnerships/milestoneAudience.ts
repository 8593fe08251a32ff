import type { Partnership } from '../domain/partnership';
import type { MilestoneListener } from '../verification/verificationWatcher';
import type { ProviderSettings } from './types';

/**
 * Who hears of a reseller's milestone, decided here so the edge only delivers. A reseller verified by
 * Microsoft (E5) or that signed the MPA (M1) now meets what a provider needs before it transacts new
 * business with it (M2, M3). Its distributors hear it: each provider with an active partnership (P3;
 * one accepted here that Partner Center does not list yet is not a partnership yet), in the Slack
 * channel its set-up names, once per provider and milestone (the dedupe key).
 */

export type MilestoneEvent = Parameters<MilestoneListener>[0];

export interface MilestoneNotice {
  channelId: string;
  renderer: 'reseller.verified' | 'reseller.mpaSigned';
  params: { companyName: string };
  /** The outbox's dedupe key: the same provider hears the same milestone once. */
  key: string;
}

const RENDERER: Record<MilestoneEvent['milestone'], MilestoneNotice['renderer']> = {
  verified: 'reseller.verified',
  'mpa-signed': 'reseller.mpaSigned',
};

export function milestoneAudience(
  event: MilestoneEvent,
  providers: ReadonlyArray<{ partnership: Pick<Partnership, 'state'>; settings?: ProviderSettings }>,
): MilestoneNotice[] {
  const notices: MilestoneNotice[] = [];
  for (const { partnership, settings } of providers) {
    if (partnership.state !== 'active' || !settings?.channelId) continue;
    notices.push({
      channelId: settings.channelId,
      renderer: RENDERER[event.milestone],
      params: { companyName: event.companyName ?? event.tenantId },
      key: `milestone:${event.tenantId}:${event.milestone}:${settings.providerId}`,
    });
  }
  return notices;
}
