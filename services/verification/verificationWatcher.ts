import type { PartnerDraft } from '../domain/partner';
import type { PartnerCenterGateway, VettingStatus, VettingSubStatus } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { PeriodicPass } from '../polling/periodicPass';
import { settledStatus } from '../rules/enrolledReseller';
import type { AtomicStore } from '../storage/atomicStore';
import { DistributorView } from './distributorView';

/** The part of the bot's Notifier this service uses (kept structural: no bot types in services). */
export interface TenantNotifier {
  teamsTenant(
    tenantId: string,
    notice: { renderer: string; params: Record<string, unknown> },
    dedupeKey: string,
  ): Promise<void>;
}

/** Whoever should also hear of a reseller's milestones (its distributors in Slack); optional. */
export type MilestoneListener = (event: {
  tenantId: string;
  companyName?: string;
  milestone: 'verified' | 'mpa-signed';
}) => Promise<void>;

export interface WatcherLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface VerificationWatcherDeps {
  partners: PartnerDirectory;
  partnerCenter: PartnerCenterGateway;
  /** The distributor whose credentials observe resellers (API1); see DistributorView. */
  distributorTenantId?: string;
  notifier: TenantNotifier;
  records: AtomicStore;
  logger: WatcherLogger;
  pollMs: number;
  mpaReminderEveryMs: number;
  now?: () => number;
  onMilestone?: MilestoneListener;
}

const FINAL: ReadonlySet<string> = new Set(['Authorized', 'Rejected']);
const mpaKey = (tenantId: string) => `verification:mpa:${tenantId}`;

interface MpaWatch {
  /** When this reseller was first seen verified: reminders count their periods from here. */
  authorizedAt: number;
}

/**
 * Notices a reseller's verification changing (E5) and its MPA being signed (M1-M5), and tells the
 * reseller's people once per change. Only from what can be observed (API1): the distributor's
 * credentials see the reseller's PartnerID turn valid on record (verified) and its MPA signed; every
 * other step of verification arrives, if at all, through the signed webhook (applyVerification).
 *
 * Once per change, with any number of instances: the notice is enqueued with a dedupe key naming the
 * new state (`verification:<tenant>:<status>:<sub>`), so every instance that sees the change enqueues
 * the same job and the outbox keeps one; the directory is updated after the enqueue, so a crash in
 * between only means the next poll enqueues again (a no-op) and records it.
 */
export class VerificationWatcher {
  private readonly now: () => number;
  private readonly passes: PeriodicPass;
  private readonly view: DistributorView;

  constructor(private readonly deps: VerificationWatcherDeps) {
    this.now = deps.now ?? Date.now;
    this.view = new DistributorView(deps);
    this.passes = new PeriodicPass(
      () => this.checkAll(),
      deps.pollMs,
      (error) => deps.logger.error({ err: error }, 'verification poll failed'),
    );
  }

  start() {
    this.passes.start();
  }

  stop() {
    return this.passes.stop();
  }

  /** One poll over every reseller waiting for verification or for its MPA. */
  async checkAll(): Promise<void> {
    for (const partner of await this.deps.partners.all()) {
      if (partner.kind !== 'indirect-reseller') continue;
      const waitingForVerification =
        partner.status.enrolment === 'submitted' && !FINAL.has(partner.status.verification);
      const waitingForMpa = partner.status.verification === 'Authorized' && !partner.status.mpaSigned;
      if (!waitingForVerification && !waitingForMpa) continue;
      try {
        await this.check(partner);
      } catch (error) {
        this.deps.logger.warn({ err: error, partner: partner.id }, 'verification check failed; next poll retries');
      }
    }
  }

  private async check(partner: PartnerDraft) {
    if (!FINAL.has(partner.status.verification)) {
      // API1: verified is what the distributor sees, an authorised PartnerID (valid on record, or only the MPA missing).
      const standing = await this.view.partnerIdStanding(partner.mpnId);
      if (standing?.authorised) await this.applyVerification(partner.id, 'Authorized', 'None');
    }
    const current = await this.deps.partners.get(partner.id);
    if (current?.status.verification === 'Authorized' && !current.status.mpaSigned) await this.checkMpa(current);
  }

  /**
   * The one change path (poller and webhook): notifies and records a new (status, sub-status).
   * Returns whether it differed from what the directory held.
   */
  async applyVerification(partnerId: string, status: VettingStatus, subStatus: VettingSubStatus): Promise<boolean> {
    const partner = await this.deps.partners.get(partnerId);
    if (!partner) return false;
    const same = (p: PartnerDraft) =>
      p.status.verification === status && (p.status.verificationSubStatus ?? 'None') === subStatus;
    if (same(partner)) return false;
    const tenantId = partner.tenantId ?? partner.id;
    await this.deps.notifier.teamsTenant(
      tenantId,
      {
        renderer: 'verification.changed',
        params: { status, subStatus, companyName: partner.legalName ?? '' },
      },
      `verification:${tenantId}:${status}:${subStatus}`,
    );
    let changed = false;
    await this.deps.partners.update(partnerId, (current) => {
      changed = current !== undefined && !same(current);
      if (!current || !changed) return undefined;
      return {
        ...current,
        // E5, P1: a submitted enrolment that Partner Center verified is an enrolment done.
        status: settledStatus({ ...current.status, verification: status, verificationSubStatus: subStatus }),
      };
    });
    if (changed) {
      this.deps.logger.info({ partner: partnerId, status, subStatus }, 'verification status changed');
      if (status === 'Authorized') await this.milestone(tenantId, partner.legalName, 'verified');
    }
    return changed;
  }

  /** Authorized: has the MPA been signed (M1, M4)? If not, a reminder per period until it is. */
  async checkMpa(partner: PartnerDraft) {
    const tenantId = partner.tenantId ?? partner.id;
    // API1: asked as the distributor, about the reseller's tenant. Not known (an outage): the next poll asks again.
    const signed = await this.view.mpaSigned(tenantId);
    if (signed === undefined) return;
    if (signed) {
      await this.deps.notifier.teamsTenant(
        tenantId,
        { renderer: 'mpa.signed', params: { companyName: partner.legalName ?? '' } },
        `mpa:${tenantId}:signed`,
      );
      let changed = false;
      await this.deps.partners.update(partner.id, (current) => {
        changed = current !== undefined && !current.status.mpaSigned;
        return current && changed ? { ...current, status: { ...current.status, mpaSigned: true } } : undefined;
      });
      if (changed) await this.milestone(tenantId, partner.legalName, 'mpa-signed');
      return;
    }
    await this.remindMpa(tenantId);
  }

  /** One reminder per period after verification; the period is in the dedupe key, so two instances send one. */
  private async remindMpa(tenantId: string) {
    const now = this.now();
    await this.deps.records.compareAndSet<MpaWatch>(mpaKey(tenantId), undefined, { authorizedAt: now });
    const watch = (await this.deps.records.read<MpaWatch>(mpaKey(tenantId)))?.value;
    if (!watch) return;
    const period = Math.floor((now - watch.authorizedAt) / this.deps.mpaReminderEveryMs);
    if (period < 1) return; // the verification notice itself says to sign the MPA
    await this.deps.notifier.teamsTenant(
      tenantId,
      { renderer: 'mpa.reminder', params: { period } },
      `mpa-reminder:${tenantId}:${period}`,
    );
  }

  private async milestone(tenantId: string, companyName: string | undefined, milestone: 'verified' | 'mpa-signed') {
    if (!this.deps.onMilestone) return;
    try {
      await this.deps.onMilestone({ tenantId, companyName, milestone });
    } catch (error) {
      this.deps.logger.warn({ err: error, tenantId, milestone }, 'could not tell the distributors');
    }
  }
}
