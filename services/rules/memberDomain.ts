import { domainSchema } from '../domain/identifiers';
import { defaultWebmailList, isInitialDomain, isWebmail, type WebmailList } from './webmail';

/**
 * What the chat platform reports of the person talking to the assistant (Teams: TeamsInfo.getMember's
 * TeamsChannelAccount). Plain data, so the rule knows nothing of Teams.
 */
export interface ReportedMember {
  userPrincipalName?: string;
  email?: string;
  /** Teams: 'user' for the organisation's own people, 'guest' for a guest, 'anonymous' for a meeting joiner. */
  userRole?: string;
  /** The member's own tenant, when the platform says. */
  tenantId?: string;
}

/** Why a member's address proves no domain of the organisation. */
export type NoOwnDomain = 'no-upn' | 'guest' | 'other-tenant' | 'webmail' | 'initial-domain' | 'not-a-domain';

export type MemberDomain = { owned: true; domain: string } | { owned: false; why: NoOwnDomain };

const GUEST_ROLES = new Set(['guest', 'anonymous']);

/**
 * E7 with E4: the company domain an organisation's own member stands for, so that a reseller already in
 * CSP, which gives no primary contact, still has its domain for C8 (its own company as a customer, its own
 * addresses as a customer's admin) and for C9 and C10 (another reseller naming it as a customer).
 *
 * Only the user principal name counts: Entra ID lets a member's UPN end only in a domain verified in that
 * member's own tenant (or its initial `onmicrosoft.com` one), and a domain is verified in one tenant at a
 * time; a mail attribute proves no such thing. A guest's UPN (`name_home.example#EXT#@...`) or role, an
 * anonymous meeting guest, or a member of another tenant speaks for another organisation. A web-based mail
 * domain (E4) is no company's, and the initial domain is Microsoft's (as E4 refuses them for the primary
 * contact, for the same reason).
 */
export function domainOfMember(
  member: ReportedMember,
  organisationTenantId: string,
  webmail: WebmailList = defaultWebmailList,
): MemberDomain {
  const outsider = outsiderWhy(member, organisationTenantId);
  if (outsider) return { owned: false, why: outsider };
  const upn = member.userPrincipalName?.trim() ?? '';
  const at = upn.lastIndexOf('@');
  if (at < 1) return { owned: false, why: 'no-upn' };
  if (isWebmail(upn, webmail)) return { owned: false, why: 'webmail' };
  if (isInitialDomain(upn, webmail)) return { owned: false, why: 'initial-domain' };
  const domain = domainSchema.safeParse(upn.slice(at + 1));
  return domain.success ? { owned: true, domain: domain.data } : { owned: false, why: 'not-a-domain' };
}

/** Whether an account is one of the organisation's own people ('member') or speaks for another ('guest'). */
export type Standing = 'member' | 'guest';

/**
 * Who a notice to a whole organisation is for: its own people, never a guest, an anonymous meeting guest or
 * a member of another tenant (by the same reading as domainOfMember: they speak for another organisation,
 * so a distributor's invitation, a removal or a GDAP request meant for this one is not theirs to see).
 */
export function standingOf(member: ReportedMember, organisationTenantId: string): Standing {
  return outsiderWhy(member, organisationTenantId) ? 'guest' : 'member';
}

function outsiderWhy(member: ReportedMember, organisationTenantId: string): 'guest' | 'other-tenant' | undefined {
  const upn = member.userPrincipalName?.trim() ?? '';
  if (GUEST_ROLES.has((member.userRole ?? '').toLowerCase()) || upn.toUpperCase().includes('#EXT#')) return 'guest';
  if (member.tenantId && member.tenantId.toLowerCase() !== organisationTenantId.toLowerCase()) return 'other-tenant';
  return undefined;
}

/**
 * The address a member's own account vouches for (P3: who may see and decline an invitation by its
 * address): their user principal name when domainOfMember finds it stands for a domain of their
 * organisation, else none. Never the mail attribute, a guest's home address, a webmail address (E4) or
 * one of another tenant: those speak for someone else, so they match no invitation by address.
 */
export function ownAddressOf(
  member: ReportedMember,
  organisationTenantId: string,
  webmail: WebmailList = defaultWebmailList,
): string | undefined {
  const found = domainOfMember(member, organisationTenantId, webmail);
  return found.owned ? member.userPrincipalName?.trim().toLowerCase() : undefined;
}
