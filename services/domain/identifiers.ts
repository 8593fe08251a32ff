import { domainToASCII } from 'node:url';
import { z } from 'zod';

/**
 * Identifiers shared by every concept of the domain. A failed check reports a message
 * catalog key (`rules:validation.<code>`), never English text, so the dialogs can show it
 * in the user's language.
 */

/** An Azure AD tenant id. Partner Center accepts the GUID in any letter case. */
export const tenantIdSchema = z.guid({ message: 'validation.tenant-id-invalid' });
export type TenantId = z.infer<typeof tenantIdSchema>;

/**
 * An MPN ID is a number: `0001000001` and `1000001` name one partner, so leading zeros (a copy from a
 * spreadsheet, a zero-padded export) are dropped before ids are stored or compared.
 */
export function normaliseMpnId(id: string): string {
  return id.trim().replace(/^0+(?=\d)/, '');
}

/** Whether two MPN IDs name the same partner (false when either is missing). */
export function sameMpnId(a: string | undefined, b: string | undefined): boolean {
  return Boolean(a && b && normaliseMpnId(a) === normaliseMpnId(b));
}

/**
 * A Microsoft Partner Network id (PartnerID): digits only. Real ids are 6 to 8 digits long today;
 * up to 10 leaves room without accepting phone numbers or other long digit strings.
 */
export const mpnIdSchema = z
  .string({ message: 'validation.mpn-id-invalid' })
  .trim()
  .regex(/^\d{1,10}$/, { message: 'validation.mpn-id-invalid' })
  .transform(normaliseMpnId);
export type MpnId = z.infer<typeof mpnIdSchema>;

/**
 * ISO 3166-1 alpha-2, upper case. Only the format is checked here: whether the program serves
 * the country is a rule (P6, C7) answered by the operator-overridable region table.
 */
export const countryCodeSchema = z
  .string({ message: 'validation.country-invalid' })
  .regex(/^[A-Z]{2}$/, { message: 'validation.country-invalid' });
export type CountryCode = z.infer<typeof countryCodeSchema>;

/**
 * A domain as DNS and Partner Center write it: an internationalised name (`żółw.pl`) in its
 * punycode form (`xn--w-uga1v8h.pl`), lower case, with look-alike forms (full-width letters)
 * folded, so one domain is one string however it was typed. Node's WHATWG URL code does the
 * IDNA mapping; what it cannot map is returned as typed, for the validators to refuse.
 */
export function asciiDomain(domain: string): string {
  const trimmed = domain.trim();
  return domainToASCII(trimmed) || trimmed.toLowerCase();
}

/** An address with its domain in ASCII (see asciiDomain); the local part is left as typed. */
export function asciiEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email.trim();
  return `${email.slice(0, at).trim()}@${asciiDomain(email.slice(at + 1))}`;
}

export const emailSchema = z
  .string({ message: 'validation.email-invalid' })
  .trim()
  .transform(asciiEmail)
  .pipe(z.email({ message: 'validation.email-invalid' }));

/** An email domain as partners type it; stored lower case because mail domains are case-insensitive. */
export const domainSchema = z
  .string({ message: 'validation.domain-invalid' })
  .transform(asciiDomain)
  .pipe(
    z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/, {
      message: 'validation.domain-invalid',
    }),
  );

/** Our own ids for partners, partnerships and requests: opaque, non-empty. */
export const entityIdSchema = z.string().trim().min(1, { message: 'validation.id-missing' });

export const isoTimestampSchema = z.iso.datetime({ offset: true, message: 'validation.timestamp-invalid' });

/** The chat user behind an action, on whichever platform they work (distributors in Slack, resellers in Teams). */
export const platformSchema = z.enum(['slack', 'teams']);
export type Platform = z.infer<typeof platformSchema>;

export const actorSchema = z.object({
  platform: platformSchema,
  userId: z.string().min(1),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** Domain part of an address in ASCII and lower case (see asciiDomain), or undefined when there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return undefined;
  return asciiDomain(email.slice(at + 1));
}

/**
 * `domain` and each domain above it but the top level, which alone names no company (sales.fabrikam.pl:
 * itself and fabrikam.pl): every `parent` for which isSameOrSubdomain(domain, parent) holds.
 */
export function domainAndParents(domain: string): string[] {
  const labels = domain.toLowerCase().split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/** True when `domain` is `parent` or one of its subdomains (mail.contoso.com is contoso.com's). */
export function isSameOrSubdomain(domain: string, parent: string): boolean {
  const d = domain.toLowerCase();
  const p = parent.toLowerCase().replace(/^\.+/, '');
  return d === p || d.endsWith(`.${p}`);
}
