import type { Actor } from '../domain/identifiers';
import { emailDomain, isSameOrSubdomain } from '../domain/identifiers';
import { type Partnership, partnershipId } from '../domain/partnership';
import { checkPartnerKinds, checkResellerReadyToPartner, mayPartner } from '../rules/partnershipRules';
import { checkResellerAtPartnerCenter, statusWithPartnerCenterWord } from '../rules/resellerStanding';
import { combine, type Decision } from '../rules/decision';
import { updateRecord } from '../storage/atomicStore';
import { withMemberDomain } from '../enrolment/ownDomains';
import { domainOfMember, ownAddressOf, type ReportedMember } from '../rules/memberDomain';
import { defaultWebmailList } from '../rules/webmail';
import type { Invitations } from './invitations';
import { distributorListsReseller, partnerCenterWordOn } from './partnerCenterFacts';
import type { PartnershipIndexes } from './partnershipIndexes';
import { type AuditLog, KEYS, located, type RoomDeps, rulesOf } from './partnershipRecords';
import type { InvalidInvitation, Invitation, Provider, Refusal } from './types';

/**
 * The reseller's answer to an invitation (P3, P4): authorise the provider once P1, T2 and P6 hold,
 * or decline. Each answer spends the invitation in one atomic write, so of two clicks, deliveries or
 * colleagues exactly one answer counts.
 */
export class InvitationAnswers {
  constructor(
    private readonly deps: RoomDeps,
    private readonly invitations: Invitations,
    private readonly audit: AuditLog,
    private readonly partnershipIndexes: PartnershipIndexes,
  ) {}

  /**
   * The reseller authorises the provider (P3, P4) after P1 and P6 hold. The invitation moves from
   * sent to accepted atomically: of two clicks, deliveries or colleagues exactly one wins; the
   * others learn who authorised and when.
   */
  async authorise(
    code: string,
    reseller: { tenantId: string; actor: Actor; member?: ReportedMember },
  ): Promise<
    | { ok: true; partnership: Partnership; invitation: Invitation; provider: Provider }
    | { ok: false; lookup: InvalidInvitation }
    | { ok: false; decision: Decision; invitation: Invitation; provider: Provider }
  > {
    const lookup = await this.invitations.openInvitation(code);
    if (lookup.status !== 'valid') return { ok: false, lookup };
    const { invitation, provider } = lookup;
    const decision = await this.mayAuthorise(provider, reseller.tenantId, reseller.member);
    if (!decision.allowed) {
      await this.audit.write(
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
    const decidedAt = this.deps.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitation.id), (current) =>
      current && this.invitations.isCurrentAndValid(current, invitation)
        ? { ...current, state: 'accepted', decidedBy: reseller.actor, decidedAt, resellerId: reseller.tenantId }
        : undefined,
    );
    const after = moved.value as Invitation;
    if (!moved.changed)
      return { ok: false, lookup: { status: this.invitations.lookupStatusOf(after), invitation: after, provider } };
    await this.invitations.open.noLongerOpen(after);

    // P2, P3: accepted here; active only once the distributor's list in Partner Center holds the reseller.
    const listed = await distributorListsReseller(this.deps, provider, reseller.tenantId);
    const key = KEYS.partnership(invitation.providerId, reseller.tenantId);
    await this.partnershipIndexes.willBeStored(invitation.providerId, reseller.tenantId);
    const stored = await updateRecord<Partnership>(this.deps.records, key, (current) =>
      current?.state === 'active'
        ? undefined
        : {
            id: partnershipId(invitation.providerId, reseller.tenantId),
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
    await this.audit.write(invitation.providerId, reseller.actor, 'invitation.accept', 'done', ['P3', 'P4'], {
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
    decliner: { tenantId: string; actor: Actor; email?: string; member?: ReportedMember },
  ): Promise<
    | { ok: true; invitation: Invitation; provider: Provider }
    | { ok: false; lookup: InvalidInvitation }
    | { ok: false; refusal: Refusal; invitation: Invitation; provider: Provider }
  > {
    const lookup = await this.invitations.openInvitation(code);
    if (lookup.status !== 'valid') return { ok: false, lookup };
    const { invitation, provider } = lookup;
    if (!(await this.mayDecline(invitation, decliner))) {
      await this.audit.write(invitation.providerId, decliner.actor, 'invitation.decline', 'refused', ['P3'], {
        invitation: invitation.id,
        reseller: decliner.tenantId,
        reason: 'not-invitee',
      });
      return { ok: false, refusal: { kind: 'access', code: 'not-invitee' }, invitation, provider };
    }
    const decidedAt = this.deps.now().toISOString();
    const moved = await updateRecord<Invitation>(this.deps.records, KEYS.invitation(invitation.id), (current) =>
      current && this.invitations.isCurrentAndValid(current, invitation)
        ? { ...current, state: 'declined', decidedBy: decliner.actor, decidedAt, resellerId: decliner.tenantId }
        : undefined,
    );
    const after = moved.value as Invitation;
    if (!moved.changed) {
      return { ok: false, lookup: { status: this.invitations.lookupStatusOf(after), invitation: after, provider } };
    }
    await this.invitations.open.noLongerOpen(after);
    await this.audit.write(invitation.providerId, decliner.actor, 'invitation.decline', 'done', ['P3'], {
      invitation: after.id,
      reseller: decliner.tenantId,
    });
    return { ok: true, invitation: after, provider };
  }

  /**
   * Who may decline: the invited address itself; else, when the directory knows which reseller was
   * invited (its MPN ID or its primary contact on the invitation), anyone in that reseller's tenant,
   * enrolled or not; else (a reseller we do not know yet) someone whose address is at the invited domain,
   * or, when the platform does not say, whoever holds the code that was sent to that address.
   * What Teams reports (`member`) counts only as domainOfMember allows (E4, E7): a guest's home address,
   * a webmail address or another tenant's member vouches for no address, so it matches neither the
   * invited address nor its domain. `email` is an address the caller already vouches for.
   */
  private async mayDecline(
    invitation: Invitation,
    decliner: { tenantId: string; email?: string; member?: ReportedMember },
  ): Promise<boolean> {
    const invited = invitation.email.toLowerCase();
    const webmail = this.deps.webmail ?? defaultWebmailList;
    const said = decliner.member ? domainOfMember(decliner.member, decliner.tenantId, webmail) : undefined;
    const email = decliner.member
      ? ownAddressOf(decliner.member, decliner.tenantId, webmail)
      : decliner.email?.trim().toLowerCase();
    if (email === invited) return true;
    const tenants = await this.invitations.invitedTenants(invitation);
    if (tenants.size > 0) return tenants.has(decliner.tenantId);
    // Teams said nothing of this person, or named no account: the code, sent to the invited address, speaks.
    if (!email) return said === undefined || (!said.owned && said.why === 'no-upn');
    const theirs = emailDomain(email);
    const ours = emailDomain(invited);
    return Boolean(theirs && ours && isSameOrSubdomain(theirs, ours));
  }

  /**
   * P1 (enrolled, with a Partner Center account), T2 and P6 for this reseller tenant, through the
   * rules, on one record: what the reseller did here (enrolment, E7) and what Partner Center tells
   * the distributor of its PartnerID (API1: 2200 M5, 2201 P6, 2204 P1; 2203 only blocks
   * transacting, M2), which is recorded in the directory as it comes, with the domain the authorising
   * member's own account stands for (E7: a reseller already in CSP gives no primary contact).
   */
  private async mayAuthorise(provider: Provider, resellerTenantId: string, member?: ReportedMember): Promise<Decision> {
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
    if (word || member) {
      const webmail = this.deps.webmail ?? defaultWebmailList;
      reseller =
        (await this.deps.partners.update(resellerTenantId, (current) => {
          if (!current) return undefined;
          const told = word ? { ...current, status: statusWithPartnerCenterWord(current.status, word) } : current;
          const next = withMemberDomain(told, member, webmail);
          return next === current ? undefined : next;
        })) ?? reseller;
    }
    return mayPartner(located(provider.partner), located(reseller), { regions: this.deps.regions });
  }
}
