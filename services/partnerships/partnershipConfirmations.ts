import { type Partnership, partnershipId } from '../domain/partnership';
import { PeriodicPass } from '../polling/periodicPass';
import type { PartnershipService } from './partnershipService';
import type { Provider } from './types';

/** The part of the bot's Notifier this service uses (structural: no bot types in services). */
export interface PartnershipNotifier {
  teamsTenant(
    tenantId: string,
    notice: { renderer: string; params: Record<string, unknown> },
    dedupeKey: string,
    options?: { except?: string },
  ): Promise<void>;
  slackChannel(
    channelId: string,
    notice: { renderer: string; params: Record<string, unknown> },
    dedupeKey: string,
  ): Promise<void>;
}

export interface ConfirmationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PartnershipConfirmationsDeps {
  service: PartnershipService;
  notifier: PartnershipNotifier;
  logger: ConfirmationLogger;
  pollMs: number;
  now?: () => Date;
  /** Once a confirmation is told: the views that list the distributor's resellers are drawn again. */
  changed?(provider: Provider): void;
}

/** A confirmation untold for this long was left by a crash (a Check now turn tells within seconds). */
const UNTOLD_GRACE_MS = 60_000;

export type ConfirmationResult =
  | { state: 'confirmed'; partnership: Partnership; provider: Provider; confirmedNow: boolean }
  | { state: 'awaiting-partner-center'; partnership: Partnership; provider: Provider }
  | { state: 'none' };

/**
 * A partnership is active when Partner Center has the relationship (P2, P3; DESIGN.md): this
 * confirms accepted partnerships through the distributor's relationship list, when the reseller asks
 * ("Check now") and in a periodic pass. Safe on several instances: the notices carry dedupe keys
 * naming the acceptance, so the outbox keeps one per side, and one atomic write records the change.
 */
export class PartnershipConfirmations {
  private readonly passes: PeriodicPass;

  constructor(private readonly deps: PartnershipConfirmationsDeps) {
    this.passes = new PeriodicPass(
      () => this.confirmAll(),
      deps.pollMs,
      (error) => deps.logger.error({ err: error }, 'partnership confirmation pass failed'),
    );
  }

  start() {
    this.passes.start();
  }

  stop() {
    return this.passes.stop();
  }

  /**
   * One pass, from one listing: confirmations a crash left untold (older than a turn could take), then
   * every partnership waiting for Partner Center; one failure does not stop the others.
   */
  async confirmAll(): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    const work = await this.deps.service.partnerships.confirmationWork(new Date(now.getTime() - UNTOLD_GRACE_MS));
    for (const { partnership, provider } of work.untold) {
      try {
        await this.tellBothSides(partnership, provider);
        await this.deps.service.partnerships.markTold(partnership.providerId, partnership.resellerId);
      } catch (error) {
        this.deps.logger.warn(
          { err: error, provider: partnership.providerId },
          'could not tell of a confirmation; the next pass retries',
        );
      }
    }
    for (const partnership of work.awaiting) {
      try {
        await this.confirm(partnership.providerId, partnership.resellerId);
      } catch (error) {
        this.deps.logger.warn(
          { err: error, provider: partnership.providerId, reseller: partnership.resellerId },
          'could not ask Partner Center about a partnership; the next pass retries',
        );
      }
    }
  }

  /**
   * Asks Partner Center now (P3); throws when it cannot be asked. `askedBy`: the reseller's person who
   * pressed Check now; their card says the outcome, so the organisation's notice skips them (said once).
   */
  async confirm(providerId: string, resellerId: string, askedBy?: string): Promise<ConfirmationResult> {
    const outcome = await this.deps.service.partnerships.confirmWithPartnerCenter(
      providerId,
      resellerId,
      (partnership, provider) => this.tellBothSides(partnership, provider, askedBy),
    );
    const { partnership, provider } = outcome;
    if (!partnership || !provider) return { state: 'none' };
    if (partnership.state === 'active') {
      if (outcome.confirmedNow)
        this.deps.logger.info({ provider: providerId, reseller: resellerId }, 'partnership confirmed');
      return { state: 'confirmed', partnership, provider, confirmedNow: outcome.confirmedNow };
    }
    if (partnership.state === 'awaiting-partner-center')
      return { state: 'awaiting-partner-center', partnership, provider };
    return { state: 'none' };
  }

  /** The reseller in Teams and the distributor's channel in Slack, once each per acceptance. */
  private async tellBothSides(partnership: Partnership, provider: Provider, askedBy?: string): Promise<void> {
    const key = `partnerships:confirmed:${partnershipId(partnership.providerId, partnership.resellerId)}:${partnership.decidedAt ?? ''}`;
    await this.deps.notifier.teamsTenant(
      partnership.resellerId,
      { renderer: 'partnerships.confirmed', params: { providerName: provider.partner.legalName ?? '' } },
      `${key}:teams`,
      { except: askedBy },
    );
    await this.deps.notifier.slackChannel(
      provider.settings.channelId,
      {
        renderer: 'partnerships.confirmed',
        params: { reseller: await this.deps.service.partnerships.resellerName(partnership.resellerId) },
      },
      `${key}:slack`,
    );
    this.deps.changed?.(provider);
  }
}
