import type { ResellerCustomers } from '../customers/resellerCustomers';
import type { Provider } from '../partnerships/types';
import type { AtomicStore } from '../storage/atomicStore';
import { GdapError, refuse } from './gdapErrors';
import { type GdapLink, linkKey } from './gdapLink';
import { GdapLinkIndexes } from './gdapLinkIndexes';
import { customerApprovalLink, type GdapGateway, type GdapRelationship } from './gdapGateway';
import { daysToEnd, approvalDaysLeft } from './gdapStages';
import { type CustomerAdminAccess, resellerAdminAccess } from './resellerAdminAccess';
import { defaultRoleTemplate } from './roleTemplates';

const askKey = (reseller: string, customer: string) => `gdap:ask:${reseller}:${customer}`;
/** A second press of Ask within this time is the same ask (a double click), not a second relationship. */
const ASK_HOLD_MS = 60_000;

export interface ResellerGdapRow extends CustomerAdminAccess {
  providerName: string;
  approvalLink?: string;
  approvalDaysLeft?: number;
  daysToEnd?: number;
}

/**
 * The reseller's side of GDAP (G1, G2): its customers with its own relationship's state and end, asking its
 * distributor for one, and its consent to one its distributor created. The distributor's credentials create
 * (API1); the reseller's consent is its own step, taken as the reseller (G2).
 */
export class ResellerGdap {
  private readonly indexes: GdapLinkIndexes;

  constructor(
    private readonly deps: {
      records: AtomicStore;
      gdap: GdapGateway;
      customers: Pick<ResellerCustomers, 'ofReseller'>;
      now: () => Date;
    },
  ) {
    this.indexes = new GdapLinkIndexes(deps.records, deps.now);
  }

  async links(resellerTenantId: string): Promise<GdapLink[]> {
    return this.indexes.ofReseller(resellerTenantId);
  }

  async link(resellerTenantId: string, relationshipId: string): Promise<GdapLink | undefined> {
    return (await this.deps.records.read<GdapLink>(linkKey(resellerTenantId, relationshipId)))?.value;
  }

  /** The relationship as Graph shows it now, read as the distributor that created it. */
  async relationship(link: GdapLink): Promise<GdapRelationship> {
    return this.deps.gdap.as(link.providerTenantId).getRelationship(link.relationshipId);
  }

  /** `gdap` in Teams: every customer of the reseller, with its own relationship (G2), state and end (G1). */
  async overview(resellerTenantId: string): Promise<ResellerGdapRow[]> {
    const links = await this.links(resellerTenantId);
    const now = this.deps.now();
    const rows: ResellerGdapRow[] = [];
    for (const { provider, customers } of await this.deps.customers.ofReseller(resellerTenantId)) {
      const mine = links.filter((l) => l.providerTenantId === provider.partner.tenantId);
      const relationships = await Promise.all(mine.map((l) => this.relationship(l)));
      const access = resellerAdminAccess(
        customers.map((c) => ({ tenantId: c.tenantId, name: c.companyName })),
        relationships,
      );
      for (const row of access) {
        const r = row.relationship;
        rows.push({
          ...row,
          providerName: provider.partner.legalName ?? provider.settings.providerId,
          approvalLink: row.view?.stage === 'awaiting-customer' && r ? customerApprovalLink(r.id) : undefined,
          approvalDaysLeft: r ? approvalDaysLeft(r, now) : undefined,
          daysToEnd: r ? daysToEnd(r, now) : undefined,
        });
      }
    }
    return rows;
  }

  /**
   * The reseller asks for its own GDAP with a customer (G2): its distributor creates a reseller relationship
   * for it with the distributor's role template, which then waits for the reseller's consent. Only for a
   * customer associated with this reseller; a second press while one is on its way shows that one.
   */
  async ask(resellerTenantId: string, resellerName: string, customerTenantId: string): Promise<GdapRelationship> {
    const owner = await this.ownerOf(resellerTenantId, customerTenantId);
    if (!owner) throw refuse('customerNotFound', `Customer ${customerTenantId} is not one of this reseller's.`);
    const existing = (await this.overview(resellerTenantId)).find(
      (row) => row.customerTenantId === customerTenantId && !row.needsOwnGdap,
    );
    if (existing?.relationship) return existing.relationship;
    const claimed = await this.deps.records.compareAndSet(askKey(resellerTenantId, customerTenantId), undefined, true, {
      ttlMs: ASK_HOLD_MS,
    });
    if (claimed === undefined) throw new GdapError('conflict', 'This request is already being made.');
    const provider = owner.provider;
    const providerTenantId = provider.partner.tenantId as string;
    const template = defaultRoleTemplate(provider.settings);
    const created = await this.deps.gdap.as(providerTenantId).createResellerRelationship(resellerTenantId, {
      // Unique among the distributor's relationships (Graph), readable in Partner Center's list.
      displayName: `${resellerName.slice(0, 20)} ${owner.customer.domain.split('.')[0].slice(0, 16)} ${this.deps.now().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`,
      customerTenantId,
      customerDisplayName: owner.customer.companyName,
      duration: template.duration,
      autoExtendDuration: template.autoExtendDuration,
      roles: template.roles,
    });
    const link: GdapLink = {
      relationshipId: created.id,
      resellerTenantId,
      providerTenantId,
      providerId: provider.settings.providerId,
      providerName: provider.partner.legalName ?? provider.settings.providerId,
      customerTenantId,
      customerName: owner.customer.companyName,
      createdAt: this.deps.now().toISOString(),
    };
    await this.indexes.willBeStored(link);
    await this.deps.records.compareAndSet(linkKey(resellerTenantId, created.id), undefined, link);
    return created;
  }

  /**
   * The reseller's consent to a relationship its distributor made for it (G2): approve, which locks it for the
   * customer's approval, or reject. Only on the reseller's own relationships, and as the reseller.
   */
  async consent(
    resellerTenantId: string,
    relationshipId: string,
    answer: 'approve' | 'reject',
  ): Promise<{ relationship: GdapRelationship; link: GdapLink }> {
    const link = await this.link(resellerTenantId, relationshipId);
    if (!link) throw new GdapError('not-found', `No relationship ${relationshipId} for this organisation.`);
    await this.deps.gdap.as(resellerTenantId).request(relationshipId, answer);
    return { relationship: await this.relationship(link), link };
  }

  private async ownerOf(resellerTenantId: string, customerTenantId: string) {
    for (const { provider, customers } of await this.deps.customers.ofReseller(resellerTenantId)) {
      const customer = customers.find((c) => c.tenantId === customerTenantId);
      if (customer && provider.partner.tenantId) return { provider: provider as Provider, customer };
    }
    return undefined;
  }
}
