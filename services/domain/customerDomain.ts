import { z } from 'zod';
import { domainSchema } from './identifiers';

/**
 * What a person types as a customer's domain, reduced to the bare domain: people paste the web
 * site's address, so `https://www.piekarnia-kowalski.pl/kontakt` means `piekarnia-kowalski.pl`.
 * Node's WHATWG URL parser takes the scheme, credentials, port, path and query apart; only the
 * leading `www.` (a web host, not the organisation's domain) is ours to drop. The review card shows
 * the result, so nothing changes unseen.
 */
export function bareDomain(typed: string): string {
  const text = typed.trim();
  if (!text) return text;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return text;
  }
  const withoutWww = host.replace(/^www\./, '');
  return withoutWww.includes('.') ? withoutWww : host;
}

/** A customer's domain as entered: reduced to the bare domain, then checked as a domain name. */
export const customerDomainSchema = z.string().transform(bareDomain).pipe(domainSchema);

/**
 * Generic second-level labels under a country's top-level domain (`firma.com.pl`): part of the
 * suffix, not of the name. A public-suffix list would be exact; the few in use here are enough for
 * a prefix that the review card shows before anything is sent.
 */
const GENERIC_SECOND_LEVEL = new Set(['com', 'net', 'org', 'co', 'gov', 'edu', 'ac']);

/**
 * Partner Center's initial domain prefix (`<prefix>.onmicrosoft.com`) for a new customer. A person
 * expects the organisation's name there, as in its own domain without the top-level part:
 * `piekarnia-kowalski.pl` → `piekarnia-kowalski.onmicrosoft.com` (not `piekarnia-kowalski-pl`), and
 * `sklep.firma.com.pl` → `sklep-firma`. Letters, digits and hyphens, at most 27 characters.
 */
export function initialDomainPrefix(domain: string): string {
  const labels = bareDomain(domain).split('.');
  if (labels.length > 1) labels.pop();
  if (labels.length > 1 && GENERIC_SECOND_LEVEL.has(labels[labels.length - 1])) labels.pop();
  const prefix = labels
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 27)
    .replace(/-+$/, '');
  return prefix.length >= 3 ? prefix : `${prefix}csp`.slice(0, 27);
}
