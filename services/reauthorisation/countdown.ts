import type { Partnership } from '../domain/partnership';
import { PartnershipIndexes } from '../partnerships/partnershipIndexes';
import { KEYS } from '../partnerships/partnershipRecords';
import type { ProviderSettings } from '../partnerships/types';
import { PeriodicPass } from '../polling/periodicPass';
import { countdownKey } from '../rules/reauthorisationRules';
import { REAUTH_KEYS } from './reauthorisationRecords';
import { type ResellerReauthorisation, type StandingDeps, standingFor } from './standing';

/** The parts of the bot's Notifier the countdown uses (structural: no bot types in services). */
export interface CountdownNotifier {
  teamsTenant(tenantId: string, notice: CountdownNotice, dedupeKey: string): Promise<void>;
  slackChannel(channel: string, notice: CountdownNotice, dedupeKey: string): Promise<void>;
}
export interface CountdownNotice {
  renderer: string;
  params: Record<string, unknown>;
}
export const COUNTDOWN_RENDERER = 'reauthorisation.countdown' as const;

export interface CountdownDeps extends StandingDeps {
  notifier: CountdownNotifier;
  clock: () => Date;
  everyMs: number;
  logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** What both notices carry: data only, rendered in each reader's language at delivery. */
export function countdownParams(
  standing: ResellerReauthorisation,
  names: { companyName: string; providerName: string },
): Record<string, unknown> {
  return {
    ...names,
    days: standing.countdown,
    anniversary: standing.anniversary,
    missing: standing.missing,
    usd: standing.items.find((i) => i.id === 'revenue')?.usd,
    revenueSource: standing.items.find((i) => i.id === 'revenue')?.source,
  };
}

/**
 * A2: 90, 60 and 30 days before a reseller's anniversary month, while something A1 asks for is missing,
 * its people in Teams and its distributor in Slack each hear what is missing and what to do, once per
 * threshold. Once with any number of instances and restarts: the notice's dedupe key names the reseller,
 * distributor, anniversary and threshold (the outbox keeps one job per key), and a durable mark written
 * after the enqueue keeps the key used after the outbox forgets its finished jobs.
 */
export class ReauthorisationCountdown {
  private readonly passes: PeriodicPass;
  private readonly partnerships: PartnershipIndexes;

  constructor(private readonly deps: CountdownDeps) {
    this.partnerships = new PartnershipIndexes(deps.records, deps.clock);
    this.passes = new PeriodicPass(
      () => this.checkAll(),
      deps.everyMs,
      (error) => deps.logger.error({ err: error }, 'reauthorisation countdown pass failed'),
    );
  }

  start() {
    this.passes.start();
  }

  stop() {
    return this.passes.stop();
  }

  async checkAll(): Promise<void> {
    const now = this.deps.clock();
    for (const partnership of await this.partnerships.all.values()) {
      if (partnership.state !== 'active') continue;
      try {
        await this.check(partnership, now);
      } catch (error) {
        this.deps.logger.warn({ err: error, partnership: partnership.id }, 'countdown check failed; next pass retries');
      }
    }
  }

  private async check(partnership: Partnership, now: Date) {
    const standing = await standingFor(this.deps, partnership, now);
    if (!standing.countdown) return;
    const key = countdownKey(partnership.resellerId, partnership.providerId, standing.anniversary, standing.countdown);
    if (await this.deps.records.read(REAUTH_KEYS.told(key))) return;
    const [reseller, provider] = await Promise.all([
      this.deps.partners.get(partnership.resellerId),
      this.deps.partners.get(partnership.providerId),
    ]);
    const params = countdownParams(standing, {
      companyName: reseller?.legalName ?? partnership.resellerId,
      providerName: provider?.legalName ?? '',
    });
    const notice = { renderer: COUNTDOWN_RENDERER, params };
    await this.deps.notifier.teamsTenant(partnership.resellerId, notice, key);
    const teamId = partnership.providerId.replace(/^slack:/, '');
    const settings = (await this.deps.records.read<ProviderSettings>(KEYS.settings(teamId)))?.value;
    if (settings?.channelId) await this.deps.notifier.slackChannel(settings.channelId, notice, key);
    await this.deps.records.compareAndSet(REAUTH_KEYS.told(key), undefined, { at: now.toISOString() });
  }
}
