/**
 * The partnerships slice, composed: the rooms that share one store, clock, gateway and audit log.
 * A provider (one Slack workspace) and its indirect resellers (Teams tenants): set-up (providers.ts),
 * invitations (P2, invitations.ts), the reseller's answer (P3, P4, invitationAnswers.ts), partnerships
 * and removal (P3, P7, partnerships.ts), the audit log (partnershipRecords.ts). No chat platform types.
 *
 * Why a facade: every edge needs several rooms at once and each room needs the others wired with the
 * same deps, so one object built once (bot/features/partnershipServiceFor.ts) hands out the rooms. Its
 * only own methods are the six reads every slice makes of partnerships (which provider, whether a person
 * approves, which partnerships), so the customer slice depends on these alone and never on a room.
 */
import type { Partnership, PartnershipState } from '../domain/partnership';
import { InvitationAnswers } from './invitationAnswers';
import { Invitations } from './invitations';
import { AuditLog, type PartnershipServiceDeps } from './partnershipRecords';
import { Partnerships } from './partnerships';
import { Providers } from './providers';
import type { Provider, ProviderRow, ResellerRow } from './types';

export type { Outcome, PartnershipServiceDeps } from './partnershipRecords';

export class PartnershipService {
  readonly audit: AuditLog;
  readonly providers: Providers;
  readonly invitations: Invitations;
  readonly answers: InvitationAnswers;
  readonly partnerships: Partnerships;

  constructor(deps: PartnershipServiceDeps) {
    const rooms = { ...deps, now: deps.now ?? (() => new Date()) };
    this.audit = new AuditLog(rooms);
    this.providers = new Providers(rooms, this.audit);
    this.invitations = new Invitations(rooms, this.providers, this.audit);
    this.partnerships = new Partnerships(rooms, this.providers, this.audit);
    this.answers = new InvitationAnswers(rooms, this.invitations, this.audit, this.partnerships.indexes);
  }

  // ---- what the customer slice reads -------------------------------------------------------------

  getProviderBySlackTeam(teamId: string): Promise<Provider | undefined> {
    return this.providers.getProviderBySlackTeam(teamId);
  }

  getProviderById(providerId: string): Promise<Provider | undefined> {
    return this.providers.getProviderById(providerId);
  }

  isApprover(teamId: string, userId: string): Promise<boolean> {
    return this.providers.isApprover(teamId, userId);
  }

  listResellers(providerId: string): Promise<ResellerRow[]> {
    return this.partnerships.listResellers(providerId);
  }

  listProviders(resellerTenantId: string, states?: ReadonlySet<PartnershipState>): Promise<ProviderRow[]> {
    return this.partnerships.listProviders(resellerTenantId, states);
  }

  getPartnership(providerId: string, resellerId: string): Promise<Partnership | undefined> {
    return this.partnerships.getPartnership(providerId, resellerId);
  }
}
