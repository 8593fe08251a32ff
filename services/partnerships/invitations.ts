import { z } from 'zod';
import type { Actor } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import { emailDomain, emailSchema, isSameOrSubdomain, mpnIdSchema, sameMpnId } from '../domain/identifiers';
import { domainOfMember, type MemberDomain, type ReportedMember } from '../rules/memberDomain';
import { defaultWebmailList } from '../rules/webmail';
import { updateRecord } from '../storage/atomicStore';
import { inputRefusal } from './fieldRefusals';
import { checkInviteeRegion } from './inviteeRegion';
import { OpenInvitations } from './openInvitations';
import { PeopleByDomain, type TeamsPerson } from './peopleByDomain';
import { type AuditLog, KEYS, type Outcome, type RoomDeps, rulesOf } from './partnershipRecords';
import { providerIdOf, type Providers } from './providers';
import type { Invitation, InvitationLookup, Provider, Refusal } from './types';

/**
 * Invitations (P2), the provider's side: an approver sends, resends and revokes a personalised,
 * single-use, expiring link; anyone may open a link to learn what it stands for. The reseller's
 * answer to a link (authorise, decline) is invitationAnswers.ts.
 */

export const invitationInputSchema = z.object({
  email: emailSchema,
  companyName: z.string().trim().max(200).optional(),
  mpnId: mpnIdSchema.optional(),
  /** The language the rep chose for the draft email (a two-letter tag; the edge offers the ones it speaks). */
  emailLanguage: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export class Invitations {
  readonly open: OpenInvitations;
  private readonly people: PeopleByDomain;

  constructor(
    private readonly deps: RoomDeps,
    private readonly providers: Providers,
    private readonly audit: AuditLog,
  ) {
    this.open = new OpenInvitations(deps.records, deps.now);
    this.people = new PeopleByDomain(deps.records);
  }

  /** An approver asks a reseller to partner (P2); a reseller known to be in another region is refused (P6). */
  async createInvitation(
    teamId: string,
    input: InvitationInput,
    actor: Actor,
  ): Promise<Outcome<{ invitation: Invitation; code: string; provider: Provider }>> {
    const provider = await this.providers.getProviderBySlackTeam(teamId);
    const providerId = providerIdOf(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    if (!(await this.providers.approves(provider.settings, actor.userId))) {
      await this.audit.write(providerId, actor, 'invitation.create', 'refused', [], { reason: 'not-approver' });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const parsed = invitationInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, refusal: inputRefusal(parsed.error) };
    const data = { ...parsed.data, email: parsed.data.email.toLowerCase() };
    const region = await checkInviteeRegion(this.deps, provider, data);
    if (!region.allowed) {
      await this.audit.write(providerId, actor, 'invitation.create', 'refused', rulesOf(region), {
        email: data.email,
        codes: region.violations.map((v) => v.code).join(','),
      });
      return { ok: false, refusal: { kind: 'rules', violations: region.violations, options: region.options } };
    }
    const { id, code } = this.deps.signer.newCode();
    const now = this.deps.now();
    const invitation: Invitation = {
      id,
      providerId,
      email: data.email,
      companyName: data.companyName || undefined,
      mpnId: data.mpnId,
      emailLanguage: data.emailLanguage,
      state: 'sent',
      createdBy: actor,
      createdAt: now.toISOString(),
      expiresAt: this.expiryFrom(now),
    };
    await this.open.willBeOpen(invitation);
    await this.deps.records.compareAndSet(KEYS.invitation(id), undefined, invitation);
    await this.audit.write(providerId, actor, 'invitation.create', 'done', ['P2'], {
      invitation: id,
      email: data.email,
    });
    return { ok: true, value: { invitation, code, provider } };
  }

  /** The reseller organisation (tenant id) the directory knows with this primary contact email, if any. */
  async resellerTenantByEmail(email: string): Promise<string | undefined> {
    const wanted = email.toLowerCase();
    const found = (await this.deps.partners.withMpnIdOrContact({ email: wanted })).find(
      (p) => p.kind === 'indirect-reseller' && p.primaryContact?.email.toLowerCase() === wanted && p.tenantId,
    );
    return found?.tenantId;
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
    const provider = await this.providers.getProviderById(invitation.providerId);
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

  /** The reseller tenants the directory takes the invitation to be for (by MPN ID or primary contact). */
  async invitedTenants(invitation: Invitation): Promise<Set<string>> {
    const candidates = await this.deps.partners.withMpnIdOrContact({
      mpnId: invitation.mpnId,
      email: invitation.email,
    });
    const matches = candidates.filter((p) => p.tenantId && isInvitedReseller(p, invitation));
    return new Set(matches.map((p) => p.tenantId as string));
  }

  /** An approver withdraws a pending or expired invitation: its link (every issue of it) stops working. */
  async revokeInvitation(teamId: string, invitationId: string, actor: Actor): Promise<Outcome<Invitation>> {
    const providerId = providerIdOf(teamId);
    if (!(await this.providers.isApprover(teamId, actor.userId))) {
      await this.audit.write(providerId, actor, 'invitation.revoke', 'refused', [], {
        invitation: invitationId,
        reason: 'not-approver',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const decidedAt = this.deps.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitationId), (current) =>
      current && current.providerId === providerId && current.state === 'sent'
        ? { ...current, state: 'revoked', decidedBy: actor, decidedAt }
        : undefined,
    );
    if (!moved.changed || !moved.value) {
      await this.audit.write(providerId, actor, 'invitation.revoke', 'refused', ['P2'], {
        invitation: invitationId,
        reason: moved.value?.providerId === providerId ? `already-${moved.value.state}` : 'unknown',
      });
      return { ok: false, refusal: { kind: 'input', code: 'invitation-not-pending' } };
    }
    await this.open.noLongerOpen(moved.value);
    await this.audit.write(providerId, actor, 'invitation.revoke', 'done', ['P2'], {
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
    const providerId = providerIdOf(teamId);
    const provider = await this.providers.getProviderBySlackTeam(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    if (!(await this.providers.approves(provider.settings, actor.userId))) {
      await this.audit.write(providerId, actor, 'invitation.resend', 'refused', [], {
        invitation: invitationId,
        reason: 'not-approver',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const now = this.deps.now();
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
      await this.audit.write(providerId, actor, 'invitation.resend', 'refused', ['P2'], {
        invitation: invitationId,
        reason: refusal.code,
      });
      return { ok: false, refusal };
    }
    await this.audit.write(providerId, actor, 'invitation.resend', 'done', ['P2'], {
      invitation: invitationId,
      email: invitation.email,
      link: newLink ? `new (issue ${generationOf(invitation)})` : 'same',
    });
    return { ok: true, value: { invitation, code: this.codeOf(invitation), provider, newLink } };
  }

  /** The provider's invitations not yet answered: pending and expired (newest first). */
  async openInvitations(providerId: string): Promise<Array<Invitation & { expired: boolean }>> {
    return (await this.open.ofProvider(providerId))
      .map((i) => ({ ...i, expired: this.statusOf(i) === 'expired' }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Invitations waiting for this reseller organisation (P2, P3): sent, still valid, and addressed to it
   * (by its MPN ID or primary contact, as for declining) or to the company domain the asking person's own
   * Teams account stands for (domainOfMember, E4, E7: never a guest's home address, a webmail address or
   * another tenant's). With the provider and the current link code, so the card can be shown again.
   */
  async waitingInvitations(
    resellerTenantId: string,
    member?: ReportedMember,
  ): Promise<Array<{ invitation: Invitation; provider: Provider; code: string }>> {
    return this.waitingFor(resellerTenantId, member && this.ownDomain(member, resellerTenantId));
  }

  /**
   * What waits for an organisation, `own` being the domain its person's account stands for (if any): from
   * the open invitations at that domain and those naming the organisation's MPN ID or primary contact, so a
   * first turn reads the invitations for this organisation, never every open one or every partner.
   */
  private async waitingFor(
    resellerTenantId: string,
    own: MemberDomain | undefined,
  ): Promise<Array<{ invitation: Invitation; provider: Provider; code: string }>> {
    const domain = own?.owned ? own.domain : undefined;
    // A reseller's record is keyed by its tenant (newDraft), so it is the one partner invitedTenants could name.
    const stored = await this.deps.partners.get(resellerTenantId);
    const reseller = stored?.tenantId === resellerTenantId ? stored : undefined;
    const contact = reseller?.primaryContact?.email;
    const found = await Promise.all([
      domain ? this.open.addressedAt(domain) : [],
      contact ? this.open.addressedTo(contact) : [],
      reseller?.mpnId ? this.open.naming(reseller.mpnId) : [],
    ]);
    const candidates = new Map(found.flat().map((invitation) => [invitation.id, invitation]));
    // Several invitations from one distributor: its set-up is read once.
    const providers = new Map<string, Promise<Provider | undefined>>();
    const providerOf = (id: string) => {
      if (!providers.has(id)) providers.set(id, this.providers.getProviderById(id));
      return providers.get(id);
    };
    const waiting: Array<{ invitation: Invitation; provider: Provider; code: string }> = [];
    for (const invitation of [...candidates.values()].sort(byKey)) {
      if (this.statusOf(invitation) !== 'valid') continue;
      const invited = emailDomain(invitation.email);
      const forUs =
        (domain !== undefined && invited !== undefined && isSameOrSubdomain(invited, domain)) ||
        (reseller !== undefined && isInvitedReseller(reseller, invitation));
      const provider = forUs ? await providerOf(invitation.providerId) : undefined;
      if (provider) waiting.push({ invitation, provider, code: this.codeOf(invitation) });
    }
    return waiting.sort((a, b) => b.invitation.createdAt.localeCompare(a.invitation.createdAt));
  }

  /**
   * A person the assistant hears from in a new conversation (P2, P3; E7 with E4): when their own Teams
   * account stands for a company domain (domainOfMember), they are remembered at it, so an invitation to
   * an address there reaches them when it is sent (`peopleInvited`); and what already waits for them is
   * returned, so they are told now, without typing its code. Nothing for a guest, a webmail address, the
   * onmicrosoft.com domain or a member of another tenant, whose account speaks for no company of theirs.
   */
  async personMet(
    person: TeamsPerson,
    member: ReportedMember | undefined,
  ): Promise<Array<{ invitation: Invitation; provider: Provider; code: string }>> {
    if (!member) return [];
    const own = this.ownDomain(member, person.tenantId);
    if (!own.owned) return [];
    await this.people.heardAt(own.domain, person);
    return this.waitingFor(person.tenantId, own);
  }

  /** A person the assistant can no longer reach is no longer told of invitations by their domain. */
  personForgotten(person: TeamsPerson): Promise<void> {
    return this.people.forget(person);
  }

  private ownDomain(member: ReportedMember, tenantId: string): MemberDomain {
    return domainOfMember(member, tenantId, this.deps.webmail ?? defaultWebmailList);
  }

  /** The people to tell of an invitation at once: those whose own company domain its address is on (`personMet`). */
  peopleInvited(invitation: Pick<Invitation, 'email'>): Promise<TeamsPerson[]> {
    return this.people.at(invitation.email);
  }

  private statusOf(invitation: Invitation): 'valid' | 'expired' | 'used' | 'revoked' | 'declined' {
    if (invitation.state === 'accepted') return 'used';
    if (invitation.state === 'revoked') return 'revoked';
    if (invitation.state === 'declined') return 'declined';
    return Date.parse(invitation.expiresAt) <= this.deps.now().getTime() ? 'expired' : 'valid';
  }

  /** What an invitation that an answer found no longer open turns out to be (the answer lost a race). */
  lookupStatusOf(invitation: Invitation): 'expired' | 'used' | 'revoked' | 'declined' {
    const status = this.statusOf(invitation);
    return status === 'valid' ? 'used' : status;
  }

  /** Still open, and still at the issue of the link that was opened (no resend came in between). */
  isCurrentAndValid(current: Invitation, opened: Invitation): boolean {
    return this.statusOf(current) === 'valid' && generationOf(current) === generationOf(opened);
  }

  private expiryFrom(now: Date): string {
    return new Date(now.getTime() + this.deps.invitationTtlDays * 86_400_000).toISOString();
  }
}

const generationOf = (invitation: Pick<Invitation, 'generation'>) => invitation.generation ?? 1;

/** Key order, the order the open invitations were listed in: what keeps ties of `createdAt` as they were. */
const byKey = (a: Invitation, b: Invitation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A reseller the invitation names, by its MPN ID or its primary contact's address (P2, P3). */
function isInvitedReseller(partner: PartnerDraft, invitation: Pick<Invitation, 'email' | 'mpnId'>): boolean {
  return (
    partner.kind === 'indirect-reseller' &&
    (sameMpnId(partner.mpnId, invitation.mpnId) ||
      partner.primaryContact?.email.toLowerCase() === invitation.email.toLowerCase())
  );
}

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
