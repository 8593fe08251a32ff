import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/identifiers';
import {
  countryCodeSchema,
  emailDomain,
  emailSchema,
  isSameOrSubdomain,
  mpnIdSchema,
  sameMpnId,
  tenantIdSchema,
} from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import { isPartnerCenterError } from '../partnerCenter/errors';
import { AgreementErrorCode } from '../partnerCenter/errors';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { checkPartnerKinds, checkResellerReadyToPartner, checkSameRegion, mayPartner } from '../rules/partnershipRules';
import { checkResellerAtPartnerCenter, statusWithPartnerCenterWord } from '../rules/resellerStanding';
import { combine, type Decision, type RuleId } from '../rules/decision';
import { locate } from '../rules/regionRules';
import type { RegionTable } from '../rules/regionTable';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import { type FieldRefusal, inputRefusal } from './fieldRefusals';
import type { InvitationSigner } from './invitationCodes';
import { partnerCenterListsReseller, partnerCenterWordOn } from './partnerCenterFacts';
import type {
  AuditEntry,
  InvalidInvitation,
  Invitation,
  InvitationLookup,
  Provider,
  ProviderRow,
  ProviderSettings,
  ProviderSetupInput,
  Refusal,
  ResellerRow,
  UserGroupDirectory,
} from './types';

export interface PartnershipServiceDeps {
  records: AtomicStore;
  partners: PartnerDirectory;
  regions: RegionTable;
  partnerCenter: PartnerCenterGateway;
  signer: InvitationSigner;
  invitationTtlDays: number;
  /** Members of an approver user group (Slack); without it only named approvers act. */
  userGroups?: UserGroupDirectory;
  now?: () => Date;
  /** Told when the gateway could not be asked (an outage): the invitation goes ahead unchecked. */
  onGatewayError?: (error: unknown) => void;
  /**
   * Sandbox mode only: the stand-in for a distributor's Partner Center relationship-request page,
   * used when the distributor gives no link of its own in set-up. Without it the link is required.
   */
  standInPartnerCenterLink?: (providerTenantId: string) => string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const KEYS = {
  settings: (teamId: string) => `partnerships:provider:${teamId}`,
  invitation: (id: string) => `partnerships:invitation:${id}`,
  invitations: 'partnerships:invitation:',
  partnership: (providerId: string, resellerId: string) => `partnerships:link:${providerId}|${resellerId}`,
  partnershipsOf: (providerId: string) => `partnerships:link:${providerId}|`,
  partnerships: 'partnerships:link:',
  audit: (providerId: string) => `partnerships:audit:${providerId}:`,
};

export const setupInputSchema = z
  .object({
    legalName: z.string().trim().min(1, { message: 'validation.legal-name-missing' }).max(200),
    mpnId: mpnIdSchema,
    tenantId: tenantIdSchema,
    country: countryCodeSchema,
    approverUserIds: z.array(z.string().min(1)),
    approverGroup: z.object({ id: z.string().min(1), name: z.string().max(200) }).optional(),
    channelId: z.string().min(1, { message: 'validation.channel-missing' }),
    // P2: the personalised link Partner Center made for the distributor; a web address people open.
    partnerCenterLink: z
      .url({ protocol: /^https?$/, message: 'validation.partner-center-link-invalid' })
      .max(2000, { message: 'validation.partner-center-link-invalid' })
      .optional(),
  })
  // Named people, a user group, or both: someone must be able to act.
  .refine((input) => input.approverUserIds.length > 0 || input.approverGroup !== undefined, {
    message: 'validation.approvers-missing',
    path: ['approverUserIds'],
  });

export const invitationInputSchema = z.object({
  email: emailSchema,
  companyName: z.string().trim().max(200).optional(),
  mpnId: mpnIdSchema.optional(),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

/**
 * Partnerships between a provider (one Slack workspace) and its indirect resellers (Teams tenants):
 * set-up, invitations (P2), authorisation (P3, P4), removal (P7) and the audit log. No chat platform
 * types: the Slack and Teams edges call it, and so may any later feature (customer onboarding).
 */
export class PartnershipService {
  private readonly now: () => Date;

  constructor(private readonly deps: PartnershipServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  static providerIdOf(teamId: string): string {
    return `slack:${teamId}`;
  }

  // ---- providers -------------------------------------------------------------------------------

  async getProviderBySlackTeam(teamId: string): Promise<Provider | undefined> {
    const settings = (await this.deps.records.read<ProviderSettings>(KEYS.settings(teamId)))?.value;
    if (!settings) return undefined;
    const partner = await this.deps.partners.get(settings.providerId);
    return partner ? { partner, settings } : undefined;
  }

  async getProviderById(providerId: string): Promise<Provider | undefined> {
    if (!providerId.startsWith('slack:')) return undefined;
    return this.getProviderBySlackTeam(providerId.slice('slack:'.length));
  }

  /** Approvers invite, resend, revoke and remove; nobody else. Named users, or members of the approver group. */
  async isApprover(teamId: string, userId: string): Promise<boolean> {
    const settings = (await this.deps.records.read<ProviderSettings>(KEYS.settings(teamId)))?.value;
    return this.approves(settings, userId);
  }

  private async approves(settings: ProviderSettings | undefined, userId: string): Promise<boolean> {
    if (!settings) return false;
    if (settings.approverUserIds.includes(userId)) return true;
    if (!settings.approverGroup || !this.deps.userGroups) return false;
    const members = await this.deps.userGroups.membersOf(settings.teamId, settings.approverGroup.id);
    return Boolean(members?.includes(userId));
  }

  /**
   * Registers (or changes) the workspace as an indirect provider. `isWorkspaceAdmin` comes from the
   * platform; an existing approver may change it too. The country must be in a served region (P6).
   */
  async setUpProvider(
    teamId: string,
    input: ProviderSetupInput,
    actor: Actor,
    isWorkspaceAdmin: boolean,
  ): Promise<Outcome<Provider>> {
    const providerId = PartnershipService.providerIdOf(teamId);
    if (!isWorkspaceAdmin && !(await this.isApprover(teamId, actor.userId))) {
      await this.audit(providerId, actor, 'provider.setup', 'refused', [], { reason: 'not-admin' });
      return { ok: false, refusal: { kind: 'access', code: 'not-admin' } };
    }
    const parsed = setupInputSchema.safeParse(input);
    if (!parsed.success) {
      // A well-formed country is checked too (P6), so one submission shows every field to change.
      const country = countryCodeSchema.safeParse(input.country);
      const region = country.success ? locate('P6', 'provider', country.data, this.deps.regions) : undefined;
      const outOfRegion: FieldRefusal[] =
        region && !region.region
          ? [{ field: 'country', refusal: { kind: 'rules', violations: region.violations, options: [] } }]
          : [];
      return { ok: false, refusal: inputRefusal(parsed.error, outOfRegion) };
    }
    const located = locate('P6', 'provider', parsed.data.country, this.deps.regions);
    if (!located.region) {
      return { ok: false, refusal: { kind: 'rules', violations: located.violations, options: [] } };
    }
    const data = parsed.data;
    const partnerCenterLink = data.partnerCenterLink ?? this.deps.standInPartnerCenterLink?.(data.tenantId);
    if (!partnerCenterLink) {
      return {
        ok: false,
        refusal: { kind: 'input', code: 'validation.partner-center-link-missing', field: 'partnerCenterLink' },
      };
    }
    const standing = await this.standingAtMicrosoft(data.tenantId);
    const partner = await this.deps.partners.update(providerId, (current) => ({
      ...(current ?? { affiliates: [], domains: [] }),
      id: providerId,
      kind: 'indirect-provider',
      legalName: data.legalName,
      mpnId: data.mpnId,
      tenantId: data.tenantId,
      country: data.country,
      status: {
        ...(current?.status ?? {
          enrolment: 'enrolled',
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: true,
        }),
        ...standing,
      },
    }));
    const settings: ProviderSettings = {
      teamId,
      providerId,
      approverUserIds: [...new Set(data.approverUserIds)],
      ...(data.approverGroup ? { approverGroup: data.approverGroup } : {}),
      channelId: data.channelId,
      partnerCenterLink,
      updatedBy: actor,
      updatedAt: this.now().toISOString(),
    };
    await updateRecord<ProviderSettings>(this.deps.records, KEYS.settings(teamId), () => settings);
    await this.audit(providerId, actor, 'provider.setup', 'done', [], { region: located.region });
    return { ok: true, value: { partner: partner as PartnerDraft, settings } };
  }

  /**
   * What Partner Center says of the provider itself: whether it signed the MPA (M1: every partner
   * that transacts must have) and its verification. Without this every customer request would be
   * refused with M1. Partner Center out of reach leaves what was known; set-up still succeeds.
   */
  private async standingAtMicrosoft(tenantId: string): Promise<Partial<PartnerDraft['status']>> {
    const session = this.deps.partnerCenter.as(tenantId);
    const standing: Partial<PartnerDraft['status']> = {};
    try {
      standing.mpaSigned = (await session.getAgreementStatus({ tenantId })).isAgreementSigned;
    } catch (error) {
      this.deps.onGatewayError?.(error);
    }
    try {
      const profile = await session.getLegalBusinessProfile();
      standing.verification = profile.vettingStatus;
      standing.verificationSubStatus = profile.vettingSubStatus;
    } catch (error) {
      this.deps.onGatewayError?.(error);
    }
    return standing;
  }

  // ---- invitations (P2) ------------------------------------------------------------------------

  /** An approver asks a reseller to partner (P2); a reseller known to be in another region is refused (P6). */
  async createInvitation(
    teamId: string,
    input: InvitationInput,
    actor: Actor,
  ): Promise<Outcome<{ invitation: Invitation; code: string; provider: Provider }>> {
    const provider = await this.getProviderBySlackTeam(teamId);
    const providerId = PartnershipService.providerIdOf(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    if (!(await this.approves(provider.settings, actor.userId))) {
      await this.audit(providerId, actor, 'invitation.create', 'refused', [], { reason: 'not-approver' });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const parsed = invitationInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, refusal: inputRefusal(parsed.error) };
    const data = { ...parsed.data, email: parsed.data.email.toLowerCase() };
    const region = await this.regionCheck(provider, data);
    if (!region.allowed) {
      await this.audit(providerId, actor, 'invitation.create', 'refused', rulesOf(region), {
        email: data.email,
        codes: region.violations.map((v) => v.code).join(','),
      });
      return { ok: false, refusal: { kind: 'rules', violations: region.violations, options: region.options } };
    }
    const { id, code } = this.deps.signer.newCode();
    const now = this.now();
    const invitation: Invitation = {
      id,
      providerId,
      email: data.email,
      companyName: data.companyName || undefined,
      mpnId: data.mpnId,
      state: 'sent',
      createdBy: actor,
      createdAt: now.toISOString(),
      expiresAt: this.expiryFrom(now),
    };
    await this.deps.records.compareAndSet(KEYS.invitation(id), undefined, invitation);
    await this.audit(providerId, actor, 'invitation.create', 'done', ['P2'], { invitation: id, email: data.email });
    return { ok: true, value: { invitation, code, provider } };
  }

  /** The reseller organisation (tenant id) the directory knows with this primary contact email, if any. */
  async resellerTenantByEmail(email: string): Promise<string | undefined> {
    const wanted = email.toLowerCase();
    const found = (await this.deps.partners.all()).find(
      (p) => p.kind === 'indirect-reseller' && p.primaryContact?.email.toLowerCase() === wanted && p.tenantId,
    );
    return found?.tenantId;
  }

  /** The reseller's legal name as the directory knows it, else its tenant id. */
  async resellerName(resellerTenantId: string): Promise<string> {
    return (await this.deps.partners.get(resellerTenantId))?.legalName ?? resellerTenantId;
  }

  /** The invitation's current link code (the latest issue, after any resend). */
  codeOf(invitation: Pick<Invitation, 'id' | 'generation'>): string {
    return this.deps.signer.codeOf(invitation.id, generationOf(invitation));
  }

  /** What a code stands for: forged, unknown, expired, replaced (by a resend), used, revoked, declined or valid. */
  async openInvitation(code: string): Promise<InvitationLookup> {
    const parts = this.deps.signer.verify(code);
    if (!parts) return { status: 'forged' };
    const invitation = (await this.deps.records.read<Invitation>(KEYS.invitation(parts.id)))?.value;
    if (!invitation || parts.generation > generationOf(invitation)) return { status: 'unknown' };
    const provider = await this.getProviderById(invitation.providerId);
    const status = this.statusOf(invitation);
    // An earlier link of an invitation sent again: unusable, whatever the current link's fate.
    if (parts.generation < generationOf(invitation) && (status === 'valid' || status === 'expired')) {
      return { status: 'replaced', invitation, provider };
    }
    if (status !== 'valid' || !provider) {
      return { status: status === 'valid' ? 'revoked' : status, invitation, provider };
    }
    return { status: 'valid', invitation, provider };
  }

  /**
   * The reseller authorises the provider (P3, P4) after P1 and P6 hold. The invitation moves from
   * sent to accepted atomically: of two clicks, deliveries or colleagues exactly one wins; the
   * others learn who authorised and when.
   */
  async authorise(
    code: string,
    reseller: { tenantId: string; actor: Actor },
  ): Promise<
    | { ok: true; partnership: Partnership; invitation: Invitation; provider: Provider }
    | { ok: false; lookup: InvalidInvitation }
    | { ok: false; decision: Decision; invitation: Invitation; provider: Provider }
  > {
    const lookup = await this.openInvitation(code);
    if (lookup.status !== 'valid') return { ok: false, lookup };
    const { invitation, provider } = lookup;
    const decision = await this.mayAuthorise(provider, reseller.tenantId);
    if (!decision.allowed) {
      await this.audit(
        provider.settings.providerId,
        reseller.actor,
        'invitation.accept',
        'refused',
        rulesOf(decision),
        {
          invitation: invitation.id,
          reseller: reseller.tenantId,
          codes: decision.violations.map((v) => v.code).join(','),
        },
      );
      return { ok: false, decision, invitation, provider };
    }
    const decidedAt = this.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitation.id), (current) =>
      current && this.isCurrentAndValid(current, invitation)
        ? { ...current, state: 'accepted', decidedBy: reseller.actor, decidedAt, resellerId: reseller.tenantId }
        : undefined,
    );
    const after = moved.value as Invitation;
    if (!moved.changed)
      return { ok: false, lookup: { status: this.lookupStatusOf(after), invitation: after, provider } };

    // P2, P3: accepted here; active only once the distributor's list in Partner Center holds the reseller.
    const listed = await this.partnerCenterLists(provider, reseller.tenantId);
    const key = KEYS.partnership(invitation.providerId, reseller.tenantId);
    const stored = await updateRecord<Partnership>(this.deps.records, key, (current) =>
      current?.state === 'active'
        ? undefined
        : {
            id: `${invitation.providerId}|${reseller.tenantId}`,
            providerId: invitation.providerId,
            resellerId: reseller.tenantId,
            state: listed ? 'active' : 'awaiting-partner-center',
            createdBy: invitation.createdBy,
            createdAt: current?.createdAt ?? invitation.createdAt,
            decidedBy: reseller.actor,
            decidedAt,
            updatedAt: decidedAt,
            ...(listed ? { confirmedAt: decidedAt } : {}),
          },
    );
    await this.audit(invitation.providerId, reseller.actor, 'invitation.accept', 'done', ['P3', 'P4'], {
      invitation: invitation.id,
      reseller: reseller.tenantId,
    });
    return { ok: true, partnership: stored.value as Partnership, invitation: after, provider };
  }

  /**
   * The reseller declines (P3's other answer): the invitation is spent; the provider is told by the
   * caller. Declining commits a reseller to nothing, so it needs no enrolment (P1 is for authorising);
   * but it ends an invitation meant for one organisation, so only that organisation may do it (see
   * `mayDecline`). A used, revoked, expired or replaced invitation cannot be declined.
   */
  async decline(
    code: string,
    decliner: { tenantId: string; actor: Actor; email?: string },
  ): Promise<
    | { ok: true; invitation: Invitation; provider: Provider }
    | { ok: false; lookup: InvalidInvitation }
    | { ok: false; refusal: Refusal; invitation: Invitation; provider: Provider }
  > {
    const lookup = await this.openInvitation(code);
    if (lookup.status !== 'valid') return { ok: false, lookup };
    const { invitation, provider } = lookup;
    if (!(await this.mayDecline(invitation, decliner))) {
      await this.audit(invitation.providerId, decliner.actor, 'invitation.decline', 'refused', ['P3'], {
        invitation: invitation.id,
        reseller: decliner.tenantId,
        reason: 'not-invitee',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-invitee' }, invitation, provider };
    }
    const decidedAt = this.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitation.id), (current) =>
      current && this.isCurrentAndValid(current, invitation)
        ? { ...current, state: 'declined', decidedBy: decliner.actor, decidedAt, resellerId: decliner.tenantId }
        : undefined,
    );
    const after = moved.value as Invitation;
    if (!moved.changed) {
      return { ok: false, lookup: { status: this.lookupStatusOf(after), invitation: after, provider } };
    }
    await this.audit(invitation.providerId, decliner.actor, 'invitation.decline', 'done', ['P3'], {
      invitation: after.id,
      reseller: decliner.tenantId,
    });
    return { ok: true, invitation: after, provider };
  }

  /**
   * Who may decline: the invited address itself; else, when the directory knows which reseller was
   * invited (its MPN ID or its primary contact on the invitation), anyone in that reseller's tenant,
   * enrolled or not; else (a reseller we do not know yet) someone whose address, as the platform
   * reports it, is at the invited domain, or, when the platform does not say, whoever holds the code
   * that was sent to that address.
   */
  private async mayDecline(invitation: Invitation, decliner: { tenantId: string; email?: string }): Promise<boolean> {
    const invited = invitation.email.toLowerCase();
    const email = decliner.email?.trim().toLowerCase();
    if (email === invited) return true;
    const tenants = await this.invitedTenants(invitation);
    if (tenants.size > 0) return tenants.has(decliner.tenantId);
    if (!email) return true;
    const theirs = emailDomain(email);
    const ours = emailDomain(invited);
    return Boolean(theirs && ours && isSameOrSubdomain(theirs, ours));
  }

  /** The reseller tenants the directory takes the invitation to be for (by MPN ID or primary contact). */
  private async invitedTenants(invitation: Invitation): Promise<Set<string>> {
    const invited = invitation.email.toLowerCase();
    const matches = (await this.deps.partners.all()).filter(
      (p) =>
        p.kind === 'indirect-reseller' &&
        p.tenantId &&
        (sameMpnId(p.mpnId, invitation.mpnId) || p.primaryContact?.email.toLowerCase() === invited),
    );
    return new Set(matches.map((p) => p.tenantId as string));
  }

  /** An approver withdraws a pending or expired invitation: its link (every issue of it) stops working. */
  async revokeInvitation(teamId: string, invitationId: string, actor: Actor): Promise<Outcome<Invitation>> {
    const providerId = PartnershipService.providerIdOf(teamId);
    if (!(await this.isApprover(teamId, actor.userId))) {
      await this.audit(providerId, actor, 'invitation.revoke', 'refused', [], {
        invitation: invitationId,
        reason: 'not-approver',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const decidedAt = this.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitationId), (current) =>
      current && current.providerId === providerId && current.state === 'sent'
        ? { ...current, state: 'revoked', decidedBy: actor, decidedAt }
        : undefined,
    );
    if (!moved.changed || !moved.value) {
      await this.audit(providerId, actor, 'invitation.revoke', 'refused', ['P2'], {
        invitation: invitationId,
        reason: moved.value?.providerId === providerId ? `already-${moved.value.state}` : 'unknown',
      });
      return { ok: false, refusal: { kind: 'input', code: 'invitation-not-pending' } };
    }
    await this.audit(providerId, actor, 'invitation.revoke', 'done', ['P2'], {
      invitation: invitationId,
      email: moved.value.email,
    });
    return { ok: true, value: moved.value };
  }

  /**
   * An approver sends an open invitation again (P2). Still pending: the same link, shown again.
   * Expired: a new issue of the link (a new signed single-use code, a new expiry); the earlier link
   * stays unusable. One atomic write decides, so a double click gives one new link, not two: the
   * second click finds it pending and shows the same new link. Answered or revoked: refused.
   */
  async resendInvitation(
    teamId: string,
    invitationId: string,
    actor: Actor,
  ): Promise<Outcome<{ invitation: Invitation; code: string; provider: Provider; newLink: boolean }>> {
    const providerId = PartnershipService.providerIdOf(teamId);
    const provider = await this.getProviderBySlackTeam(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    if (!(await this.approves(provider.settings, actor.userId))) {
      await this.audit(providerId, actor, 'invitation.resend', 'refused', [], {
        invitation: invitationId,
        reason: 'not-approver',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const now = this.now();
    let newLink = false;
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitationId), (current) => {
      if (!current || current.providerId !== providerId || current.state !== 'sent') return undefined;
      newLink = this.statusOf(current) === 'expired';
      const reissue = newLink ? { generation: generationOf(current) + 1, expiresAt: this.expiryFrom(now) } : {};
      return { ...current, ...reissue, resentAt: now.toISOString(), resentBy: actor };
    });
    const invitation = moved.value;
    if (!moved.changed || !invitation) {
      const refusal = closedInvitationRefusal(invitation?.providerId === providerId ? invitation : undefined);
      await this.audit(providerId, actor, 'invitation.resend', 'refused', ['P2'], {
        invitation: invitationId,
        reason: refusal.code,
      });
      return { ok: false, refusal };
    }
    await this.audit(providerId, actor, 'invitation.resend', 'done', ['P2'], {
      invitation: invitationId,
      email: invitation.email,
      link: newLink ? `new (issue ${generationOf(invitation)})` : 'same',
    });
    return { ok: true, value: { invitation, code: this.codeOf(invitation), provider, newLink } };
  }

  /** The provider's invitations not yet answered: pending and expired (newest first). */
  async openInvitations(providerId: string): Promise<Array<Invitation & { expired: boolean }>> {
    return (await this.deps.records.list<Invitation>(KEYS.invitations))
      .map((r) => r.value)
      .filter((i) => i.providerId === providerId && i.state === 'sent')
      .map((i) => ({ ...i, expired: this.statusOf(i) === 'expired' }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Invitations waiting for this reseller organisation (P2, P3): sent, still valid, and addressed to it
   * (by its MPN ID or primary contact, as for declining) or to the address the platform reports for
   * the person asking. With the provider and the current link code, so the card can be shown again.
   */
  async waitingInvitations(
    resellerTenantId: string,
    email?: string,
  ): Promise<Array<{ invitation: Invitation; provider: Provider; code: string }>> {
    const address = email?.trim().toLowerCase();
    const sent = (await this.deps.records.list<Invitation>(KEYS.invitations))
      .map((r) => r.value)
      .filter((i) => i.state === 'sent' && this.statusOf(i) === 'valid');
    const waiting: Array<{ invitation: Invitation; provider: Provider; code: string }> = [];
    for (const invitation of sent) {
      const forUs =
        invitation.email.toLowerCase() === address || (await this.invitedTenants(invitation)).has(resellerTenantId);
      const provider = forUs ? await this.getProviderById(invitation.providerId) : undefined;
      if (provider) waiting.push({ invitation, provider, code: this.codeOf(invitation) });
    }
    return waiting.sort((a, b) => b.invitation.createdAt.localeCompare(a.invitation.createdAt));
  }

  // ---- partnerships ----------------------------------------------------------------------------

  /**
   * A provider's resellers with an active partnership (P3: "Indirect resellers"), and those that
   * accepted in the assistant while Partner Center does not list them yet (awaiting-partner-center).
   */
  async listResellers(providerId: string): Promise<ResellerRow[]> {
    const links = (await this.deps.records.list<Partnership>(KEYS.partnershipsOf(providerId)))
      .map((r) => r.value)
      .filter((p) => p.state === 'active' || p.state === 'awaiting-partner-center');
    return Promise.all(
      links.map(async (partnership) => ({
        partnership,
        reseller: await this.deps.partners.get(partnership.resellerId),
      })),
    );
  }

  /** A reseller's providers with an active partnership (P3: "Indirect providers"). */
  async listProviders(resellerTenantId: string): Promise<ProviderRow[]> {
    const links = (await this.deps.records.list<Partnership>(KEYS.partnerships))
      .map((r) => r.value)
      .filter((p) => p.resellerId === resellerTenantId && p.state === 'active');
    return Promise.all(
      links.map(async (partnership) => {
        const provider = await this.getProviderById(partnership.providerId);
        return { partnership, provider: provider?.partner, settings: provider?.settings };
      }),
    );
  }

  async getPartnership(providerId: string, resellerId: string): Promise<Partnership | undefined> {
    return (await this.deps.records.read<Partnership>(KEYS.partnership(providerId, resellerId)))?.value;
  }

  /** Partnerships accepted in the assistant that Partner Center does not list yet (P3), oldest first. */
  async awaitingPartnerCenter(): Promise<Partnership[]> {
    return (await this.deps.records.list<Partnership>(KEYS.partnerships))
      .map((r) => r.value)
      .filter((p) => p.state === 'awaiting-partner-center')
      .sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''));
  }

  /**
   * P3: asks the distributor's relationship list in Partner Center whether it holds the reseller, and
   * if so makes an awaiting partnership active. One atomic write decides: of several instances or
   * clicks, exactly one gets `confirmedNow`. Partner Center out of reach throws (the caller says so).
   */
  async confirmWithPartnerCenter(
    providerId: string,
    resellerId: string,
    beforeConfirming: (partnership: Partnership, provider: Provider) => Promise<void> = async () => {},
  ): Promise<{ partnership?: Partnership; provider?: Provider; confirmedNow: boolean }> {
    const partnership = await this.getPartnership(providerId, resellerId);
    const provider = await this.getProviderById(providerId);
    if (partnership?.state !== 'awaiting-partner-center' || !provider) {
      return { partnership, provider, confirmedNow: false };
    }
    if (!(await this.partnerCenterLists(provider, resellerId, { throwOnOutage: true }))) {
      return { partnership, provider, confirmedNow: false };
    }
    // Told before it is recorded (deduplicated by the caller's keys): a crash in between only repeats a no-op.
    await beforeConfirming(partnership, provider);
    const at = this.now().toISOString();
    const moved = await updateRecord<Partnership>(
      this.deps.records,
      KEYS.partnership(providerId, resellerId),
      (current) =>
        current?.state === 'awaiting-partner-center' && current.decidedAt === partnership.decidedAt
          ? { ...current, state: 'active', confirmedAt: at, updatedAt: at }
          : undefined,
    );
    return { partnership: moved.value, provider, confirmedNow: moved.changed };
  }

  /** P7: an approver removes a partnership; customers and admin privileges stay (the caller showed that). */
  async removePartnership(teamId: string, resellerId: string, actor: Actor): Promise<Outcome<Partnership>> {
    const providerId = PartnershipService.providerIdOf(teamId);
    if (!(await this.isApprover(teamId, actor.userId))) {
      await this.audit(providerId, actor, 'partnership.remove', 'refused', ['P7'], { reseller: resellerId });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const at = this.now().toISOString();
    const moved = await updateRecord<Partnership>(
      this.deps.records,
      KEYS.partnership(providerId, resellerId),
      (current) =>
        current?.state === 'active'
          ? { ...current, state: 'removed', decidedBy: actor, decidedAt: at, updatedAt: at }
          : undefined,
    );
    if (!moved.changed || !moved.value) return { ok: false, refusal: { kind: 'input', code: 'no-active-partnership' } };
    await this.audit(providerId, actor, 'partnership.remove', 'done', ['P7'], { reseller: resellerId });
    return { ok: true, value: moved.value };
  }

  // ---- audit log -------------------------------------------------------------------------------

  async audit(
    providerId: string,
    actor: Actor,
    action: AuditEntry['action'],
    outcome: AuditEntry['outcome'],
    rules: RuleId[],
    details: Record<string, string>,
  ): Promise<void> {
    const at = this.now().toISOString();
    const entry: AuditEntry = { at, providerId, actor, action, outcome, rules, details };
    // Time, then this process's monotonic clock: entries written in the same millisecond keep their order.
    const order = `${at}:${process.hrtime.bigint().toString().padStart(20, '0')}:${randomBytes(3).toString('hex')}`;
    await this.deps.records.compareAndSet(`${KEYS.audit(providerId)}${order}`, undefined, entry);
  }

  /** The latest entries of a provider's audit log, newest first. */
  async latestAudit(providerId: string, limit = 20): Promise<AuditEntry[]> {
    const all = await this.deps.records.list<AuditEntry>(KEYS.audit(providerId));
    return all
      .sort((a, b) => b.key.localeCompare(a.key))
      .slice(0, limit)
      .map((r) => r.value);
  }

  // ---- internals -------------------------------------------------------------------------------

  private statusOf(invitation: Invitation): 'valid' | 'expired' | 'used' | 'revoked' | 'declined' {
    if (invitation.state === 'accepted') return 'used';
    if (invitation.state === 'revoked') return 'revoked';
    if (invitation.state === 'declined') return 'declined';
    return Date.parse(invitation.expiresAt) <= this.now().getTime() ? 'expired' : 'valid';
  }

  private lookupStatusOf(invitation: Invitation): 'expired' | 'used' | 'revoked' | 'declined' {
    const status = this.statusOf(invitation);
    return status === 'valid' ? 'used' : status;
  }

  /** Still open, and still at the issue of the link that was opened (no resend came in between). */
  private isCurrentAndValid(current: Invitation, opened: Invitation): boolean {
    return this.statusOf(current) === 'valid' && generationOf(current) === generationOf(opened);
  }

  private expiryFrom(now: Date): string {
    return new Date(now.getTime() + this.deps.invitationTtlDays * 86_400_000).toISOString();
  }

  /**
   * P1 (enrolled, with a Partner Center account), T2 and P6 for this reseller tenant, through the
   * rules, on one record: what the reseller did here (enrolment, E7) and what Partner Center tells
   * the distributor of its PartnerID (API1: 2200 M5, 2201 P6, 2204 P1; 2203 only blocks
   * transacting, M2), which is recorded in the directory as it comes.
   */
  private async mayAuthorise(provider: Provider, resellerTenantId: string): Promise<Decision> {
    let reseller = await this.deps.partners.get(resellerTenantId);
    if (!reseller) {
      return checkResellerReadyToPartner({
        id: resellerTenantId,
        status: { enrolment: 'not-started', verification: 'None', mpaSigned: false, onboardedInPartnerCenter: false },
      });
    }
    const word =
      reseller.mpnId && provider.partner.tenantId
        ? await partnerCenterWordOn(
            this.deps.partnerCenter.as(provider.partner.tenantId),
            reseller.mpnId,
            this.deps.onGatewayError,
          )
        : undefined;
    if (word && word.kind !== 'indirect-reseller') {
      return combine(
        checkPartnerKinds(provider.partner, reseller),
        checkResellerAtPartnerCenter(located(provider.partner), reseller, word, this.deps.regions),
      );
    }
    if (word) {
      reseller =
        (await this.deps.partners.update(resellerTenantId, (current) =>
          current ? { ...current, status: statusWithPartnerCenterWord(current.status, word) } : undefined,
        )) ?? reseller;
    }
    return mayPartner(located(provider.partner), located(reseller), { regions: this.deps.regions });
  }

  /** Whether Partner Center lists the reseller among the distributor's; an outage counts as "not yet". */
  private async partnerCenterLists(
    provider: Provider,
    resellerTenantId: string,
    options: { throwOnOutage?: boolean } = {},
  ): Promise<boolean> {
    if (!provider.partner.tenantId) return false;
    try {
      return await partnerCenterListsReseller(this.deps.partnerCenter.as(provider.partner.tenantId), resellerTenantId);
    } catch (error) {
      if (options.throwOnOutage) throw error;
      this.deps.onGatewayError?.(error);
      return false;
    }
  }

  /**
   * P6 before inviting: a reseller the directory knows (by MPN ID or contact email) in another region,
   * or one Partner Center places in another region (2201), is refused at once.
   */
  private async regionCheck(provider: Provider, input: InvitationInput): Promise<Decision> {
    const known = (await this.deps.partners.all()).find(
      (p) =>
        p.kind !== 'indirect-provider' &&
        (sameMpnId(p.mpnId, input.mpnId) || p.primaryContact?.email.toLowerCase() === input.email),
    );
    if (known?.country) {
      const decision = checkSameRegion(located(provider.partner), located(known), this.deps.regions);
      if (!decision.allowed) return decision;
    }
    if (!input.mpnId || !provider.partner.tenantId) return { allowed: true, violations: [], options: [] };
    const session = this.deps.partnerCenter.as(provider.partner.tenantId);
    try {
      await session.getAgreementStatus({ mpnId: input.mpnId });
    } catch (error) {
      if (isPartnerCenterError(error, AgreementErrorCode.RegionMismatch)) {
        // Partner Center says "another region" without naming it: the MPN profile names the country.
        const profile = await session.getMpnProfile(input.mpnId).catch(() => undefined);
        const decision = checkSameRegion(
          located(provider.partner),
          { country: profile?.country ?? '' },
          this.deps.regions,
        );
        if (!decision.allowed) return decision;
      } else if (!isPartnerCenterError(error) || error.retryable) {
        this.deps.onGatewayError?.(error);
      }
    }
    return { allowed: true, violations: [], options: [] };
  }
}

const generationOf = (invitation: Pick<Invitation, 'generation'>) => invitation.generation ?? 1;

/** Why an invitation cannot be sent again: unknown here, or already accepted, declined or revoked (by whom, when). */
function closedInvitationRefusal(invitation: Invitation | undefined): Extract<Refusal, { kind: 'input' }> {
  if (!invitation) return { kind: 'input', code: 'invitation-unknown' };
  return {
    kind: 'input',
    code: `invitation-closed-${invitation.state}`,
    params: {
      email: invitation.email,
      who: invitation.decidedBy?.name ?? invitation.decidedBy?.userId ?? '-',
      // ISO: the catalog shows it in the reader's language and in UTC (`{{when, datetime}}`).
      when: invitation.decidedAt ?? '',
    },
  };
}

function rulesOf(decision: Decision): RuleId[] {
  return [...new Set(decision.violations.map((v) => v.rule))];
}

/** A draft may lack its country; the region rules then refuse it as an unknown country (P6). */
function located<T extends PartnerDraft>(partner: T): T & { country: string } {
  return { ...partner, country: partner.country ?? '' };
}
