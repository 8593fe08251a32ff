import type { PartnerDraft } from '../domain/partner';
import { emailDomain } from '../domain/identifiers';
import { domainOfMember, type ReportedMember } from '../rules/memberDomain';
import type { WebmailList } from '../rules/webmail';

/**
 * The domains a reseller owns, as enrolment learns them: its primary contact's address is on its own
 * company domain (E4 refuses webmail there), so that domain is the reseller's. C8 then refuses the
 * reseller as its own customer (a customer on that domain or below it), and the customer form refuses
 * the reseller's own address as a customer's admin. A new contact on another domain replaces the old
 * contact's domain (a typo corrected must not keep refusing customers on the mistyped one), unless a
 * member's account stands for it too.
 */
export function domainsWithContact(draft: PartnerDraft, newContactEmail: string): string[] {
  const before = draft.primaryContact?.email ? emailDomain(draft.primaryContact.email) : undefined;
  const after = emailDomain(newContactEmail);
  const members = new Set(draft.memberDomains ?? []);
  const kept = (draft.domains ?? []).filter((domain) => domain !== before || members.has(domain));
  return after === undefined || kept.includes(after) ? kept : [...kept, after];
}

/**
 * E7: the draft with the domain the answering member's own account stands for (domainOfMember: not a
 * guest's, not webmail, E4), so a reseller already in CSP, which gives no primary contact, has its domain
 * too. The draft as it was when the member stands for none, or for one it already has.
 */
export function withMemberDomain(
  draft: PartnerDraft,
  member: ReportedMember | undefined,
  webmail: WebmailList,
): PartnerDraft {
  if (!member) return draft;
  const found = domainOfMember(member, draft.tenantId ?? draft.id, webmail);
  if (!found.owned) return draft;
  const domains = draft.domains ?? [];
  const memberDomains = draft.memberDomains ?? [];
  if (memberDomains.includes(found.domain) && domains.includes(found.domain)) return draft;
  return {
    ...draft,
    domains: domains.includes(found.domain) ? domains : [...domains, found.domain],
    memberDomains: memberDomains.includes(found.domain) ? memberDomains : [...memberDomains, found.domain],
  };
}
