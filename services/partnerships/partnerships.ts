import type { Actor } from '../domain/identifiers';
import type { Partnership, PartnershipState } from '../domain/partnership';
import { updateRecord } from '../storage/atomicStore';
import { distributorListsReseller } from './partnerCenterFacts';
import { PartnershipIndexes } from './partnershipIndexes';
import { type AuditLog, KEYS, type Outcome, type RoomDeps } from './partnershipRecords';
import { providerIdOf, type Providers } from './providers';
import type { Provider, ProviderRow, ResellerRow } from './types';

const ACTIVE_ONLY: ReadonlySet<PartnershipState> = new Set(['active']);
/** More distributors than one reseller could have: a read of its index is bounded. */
const MAX_PROVIDERS = 10_000;

/**
 * Partnerships once an invitation was authorised: who partners with whom (P3's lists on both sides),
 * the awaiting ones made active when Partner Center lists them (P3), and removal (P7).
 */
export class Partnerships {
  readonly indexes: PartnershipIndexes;

  constructor(
    private readonly deps: RoomDeps,
    private readonly providers: Providers,
    private readonly audit: AuditLog,
  ) {
    this.indexes = new PartnershipIndexes(deps.records, deps.now);
  }

  /**
   * A provider's resellers with an active partnership (P3: "Indirect resellers"), and those that
   * accepted in the assistant while Partner Center does not list them yet (awaiting-partner-center).
   */
  async listResellers(providerId: string): Promise<ResellerRow[]> {
    const links = (await this.indexes.of(providerId).values()).filter(
      (p) => p.state === 'active' || p.state === 'awaiting-partner-center',
    );
    return Promise.all(
      links.map(async (partnership) => ({
        partnership,
        reseller: await this.deps.partners.get(partnership.resellerId),
      })),
    );
  }

  /**
   * A reseller's providers with an active partnership (P3: "Indirect providers"), from one listing; with
   * `states`, those in any of them (`ready` also counts one invited or awaiting Partner Center).
   */
  async listProviders(
    resellerTenantId: string,
    states: ReadonlySet<PartnershipState> = ACTIVE_ONLY,
  ): Promise<ProviderRow[]> {
    // From the reseller's index of providers, not a listing of every partnership: every Teams `customers`,
    // `ready` and `distributors` turn asked, and the listing grew with all the assistant's partnerships.
    const entries = await this.deps.records.indexRange(KEYS.providersOf(resellerTenantId), { limit: MAX_PROVIDERS });
    const links = (
      await Promise.all(entries.map((entry) => this.getPartnership(entry.member, resellerTenantId)))
    ).filter((p): p is Partnership => p !== undefined && states.has(p.state));
    return Promise.all(
      links.map(async (partnership) => {
        const provider = await this.providers.getProviderById(partnership.providerId);
        return { partnership, provider: provider?.partner, settings: provider?.settings };
      }),
    );
  }

  /** Indexes every stored partnership (records older than the indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    return this.indexes.indexExisting();
  }

  async getPartnership(providerId: string, resellerId: string): Promise<Partnership | undefined> {
    return (await this.deps.records.read<Partnership>(KEYS.partnership(providerId, resellerId)))?.value;
  }

  /**
   * A confirmation pass's work, from one listing: the partnerships accepted in the assistant that Partner
   * Center does not list yet (P3), oldest first; and the active ones whose confirmation nobody told,
   * confirmed before `untoldBefore` (a crash's leftovers), with their provider.
   */
  async confirmationWork(untoldBefore: Date): Promise<{
    awaiting: Partnership[];
    untold: Array<{ partnership: Partnership; provider: Provider }>;
  }> {
    const all = await this.indexes.all.values();
    const awaiting = all
      .filter((p) => p.state === 'awaiting-partner-center')
      .sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''));
    const before = untoldBefore.toISOString();
    const untold = all.filter((p) => p.state === 'active' && p.confirmationUntold && (p.confirmedAt ?? '') < before);
    const rows = await Promise.all(
      untold.map(async (partnership) => ({
        partnership,
        provider: await this.providers.getProviderById(partnership.providerId),
      })),
    );
    return {
      awaiting,
      untold: rows.flatMap(({ partnership, provider }) => (provider ? [{ partnership, provider }] : [])),
    };
  }

  /**
   * P3: asks the distributor's relationship list in Partner Center whether it holds the reseller, and
   * if so makes an awaiting partnership active. One atomic write decides: of several instances or
   * clicks, exactly one gets `confirmedNow`. Partner Center out of reach throws (the caller says so).
   */
  async confirmWithPartnerCenter(
    providerId: string,
    resellerId: string,
    tellBothSides: (partnership: Partnership, provider: Provider) => Promise<void> = async () => {},
  ): Promise<{ partnership?: Partnership; provider?: Provider; confirmedNow: boolean }> {
    const partnership = await this.getPartnership(providerId, resellerId);
    const provider = await this.providers.getProviderById(providerId);
    if (partnership?.state !== 'awaiting-partner-center' || !provider) {
      return { partnership, provider, confirmedNow: false };
    }
    if (!(await distributorListsReseller(this.deps, provider, resellerId, { throwOnOutage: true }))) {
      return { partnership, provider, confirmedNow: false };
    }
    const at = this.deps.now().toISOString();
    const moved = await updateRecord<Partnership>(
      this.deps.records,
      KEYS.partnership(providerId, resellerId),
      (current) =>
        current?.state === 'awaiting-partner-center' && current.decidedAt === partnership.decidedAt
          ? { ...current, state: 'active', confirmedAt: at, updatedAt: at, confirmationUntold: true }
          : undefined,
    );
    // Only the confirmation that made it active tells (so the one who pressed Check now can be spared a
    // repeat of their card); recorded first, so a crash before telling is finished by `untoldConfirmations`.
    if (moved.changed && moved.value) {
      await tellBothSides(moved.value, provider);
      await this.markTold(providerId, resellerId);
    }
    return { partnership: moved.value, provider, confirmedNow: moved.changed };
  }

  /** Both sides were told of the confirmation. */
  async markTold(providerId: string, resellerId: string): Promise<void> {
    await updateRecord<Partnership>(this.deps.records, KEYS.partnership(providerId, resellerId), (current) =>
      current?.confirmationUntold ? { ...current, confirmationUntold: undefined } : undefined,
    );
  }

  /** P7: an approver removes a partnership; customers and admin privileges stay (the caller showed that). */
  async removePartnership(teamId: string, resellerId: string, actor: Actor): Promise<Outcome<Partnership>> {
    const providerId = providerIdOf(teamId);
    if (!(await this.providers.isApprover(teamId, actor.userId))) {
      await this.audit.write(providerId, actor, 'partnership.remove', 'refused', ['P7'], { reseller: resellerId });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const at = this.deps.now().toISOString();
    const moved = await updateRecord<Partnership>(
      this.deps.records,
      KEYS.partnership(providerId, resellerId),
      (current) =>
        current?.state === 'active'
          ? { ...current, state: 'removed', decidedBy: actor, decidedAt: at, updatedAt: at }
          : undefined,
    );
    if (!moved.changed || !moved.value) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    await this.audit.write(providerId, actor, 'partnership.remove', 'done', ['P7'], { reseller: resellerId });
    return { ok: true, value: moved.value };
  }

  /** The reseller's legal name as the directory knows it, else its tenant id. */
  async resellerName(resellerTenantId: string): Promise<string> {
    return (await this.deps.partners.get(resellerTenantId))?.legalName ?? resellerTenantId;
  }
}
