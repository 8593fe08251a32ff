import type { Actor } from '../domain/identifiers';
import type { PartnerDraft } from '../domain/partner';
import type { Partnership } from '../domain/partnership';
import type { RuleId, Violation } from '../rules/decision';

/** How a Slack workspace acts as an indirect provider: who may act for it and where it is told things. */
export interface ProviderSettings {
  teamId: string;
  providerId: string;
  /** Slack user ids allowed to invite, revoke, remove and change the set-up. */
  approverUserIds: string[];
  /** A Slack user group whose members are approvers too (its name as it was when chosen, for display). */
  approverGroup?: ApproverGroup;
  /** The channel for notifications and approvals. */
  channelId: string;
  /**
   * The distributor's personalised Partner Center link for reseller relationship requests (P2, P3):
   * where a reseller authorises it. Absent on set-ups made before it was asked for.
   */
  partnerCenterLink?: string;
  /** G1: its GDAP role template (services/gdap/roleTemplates.ts); absent: the least-privilege default. */
  gdapRoles?: string[];
  updatedBy: Actor;
  updatedAt: string;
}

export interface ProviderSetupInput {
  legalName: string;
  mpnId: string;
  tenantId: string;
  country: string;
  approverUserIds: string[];
  approverGroup?: ApproverGroup;
  channelId: string;
  /** P2: the distributor's Partner Center link for reseller relationship requests; optional in sandbox mode. */
  partnerCenterLink?: string;
  /** G1: the Entra roles of every GDAP relationship it creates for a reseller; none chosen: least privilege. */
  gdapRoles?: string[];
}

export interface ApproverGroup {
  id: string;
  name: string;
}

/**
 * Who is in a chat platform's user group (a Slack user group). Answers may be a little stale (the
 * edge caches them briefly); undefined when the platform could not be asked, which grants nothing.
 */
export interface UserGroupDirectory {
  membersOf(teamId: string, groupId: string): Promise<string[] | undefined>;
}

export interface Provider {
  partner: PartnerDraft;
  settings: ProviderSettings;
}

export type InvitationState = 'sent' | 'accepted' | 'declined' | 'revoked';

/** A personalised partnership request (P2): single use, expiring, bound to one provider. */
export interface Invitation {
  id: string;
  providerId: string;
  email: string;
  companyName?: string;
  mpnId?: string;
  /** The language of the draft email the rep copies (the reseller's, as the rep chose); shown again on Resend. */
  emailLanguage?: string;
  state: InvitationState;
  createdBy: Actor;
  createdAt: string;
  expiresAt: string;
  /** Who accepted, declined or revoked it, and when. */
  decidedBy?: Actor;
  decidedAt?: string;
  /** The reseller (tenant id) that accepted or declined. */
  resellerId?: string;
  /** Which issue of the link is current: absent or 1 for the first; a resend after expiry adds one. */
  generation?: number;
  /** The last time an approver sent it again (resend), and who. */
  resentAt?: string;
  resentBy?: Actor;
}

/** What an invitation code turns out to be when someone opens it. */
export type InvitationLookup =
  | { status: 'valid'; invitation: Invitation; provider: Provider }
  | { status: 'forged' | 'unknown' }
  | {
      /** `replaced`: an earlier link of an invitation that was sent again with a new one. */
      status: 'expired' | 'used' | 'revoked' | 'declined' | 'replaced';
      invitation: Invitation;
      provider?: Provider;
    };

export type InvalidInvitation = Exclude<InvitationLookup, { status: 'valid' }>;

export interface AuditEntry {
  at: string;
  providerId: string;
  actor: Actor;
  action:
    | 'provider.setup'
    | 'invitation.create'
    | 'invitation.revoke'
    | 'invitation.resend'
    | 'invitation.accept'
    | 'invitation.decline'
    | 'partnership.remove'
    | 'partnership.end-request'
    | 'slack.uninstalled'
    | 'slack.tokens-revoked';
  outcome: 'done' | 'refused';
  rules: RuleId[];
  /** Short facts: the invitation id, the reseller, the refusal codes. */
  details: Record<string, string>;
}

/** A refusal the edges render: a rule violation (`rules:violation.<code>`) or one of ours (`partnerships:refusal.<code>`). */
export type Refusal =
  | { kind: 'rules'; violations: Violation[]; options: Array<{ rule: RuleId; code: string }> }
  | { kind: 'access'; code: 'not-approver' | 'not-admin' | 'not-set-up' | 'not-invitee' }
  | {
      kind: 'input';
      code: string;
      field?: string;
      params?: Record<string, unknown>;
      /** Other fields the same submission got wrong, so a form marks them all at once. */
      more?: Array<{ field: string; refusal: Refusal }>;
    };

export interface ResellerRow {
  partnership: Partnership;
  reseller?: PartnerDraft;
  /** How many customers the reseller has with this provider in Partner Center (C3, C4); unknown when absent. */
  customerCount?: number;
}

export interface ProviderRow {
  partnership: Partnership;
  provider?: PartnerDraft;
  settings?: ProviderSettings;
}
