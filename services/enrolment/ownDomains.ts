import type { PartnerDraft } from '../domain/partner';
import { emailDomain } from '../domain/identifiers';

/**
 * The domains a reseller owns, as enrolment learns them: its primary contact's address is on its own
 * company domain (E4 refuses webmail there), so that domain is the reseller's. C8 then refuses the
 * reseller as its own customer (a customer on that domain or below it), and the customer form refuses
 * the reseller's own address as a customer's admin. A new contact on another domain replaces the old
 * contact's domain (a typo corrected must not keep refusing customers on the mistyped one).
 */
export function domainsWithContact(draft: PartnerDraft, newContactEmail: string): string[] {
  const before = draft.primaryContact?.email ? emailDomain(draft.primaryContact.email) : undefined;
  const after = emailDomain(newContactEmail);
  const kept = (draft.domains ?? []).filter((domain) => domain !== before);
  return after === undefined || kept.includes(after) ? kept : [...kept, after];
}
