import { z } from 'zod';
import defaultData from '../data/webmail.json';
import { emailDomain } from '../domain/identifiers';

/**
 * E4: the web-based mail services whose addresses Partner Center refuses for a primary contact,
 * kept as data (services/data/webmail.json) and extendable by an operator.
 */

export interface WebmailList {
  readonly patterns: readonly string[];
  /** A tenant's Microsoft-owned initial domains (`*.onmicrosoft.com`): not webmail, refused for their own reason. */
  readonly initialDomains: readonly string[];
}

const patternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$/, 'a domain, "name.*" or "*.domain"');

const webmailDataSchema = z.object({
  source: z.string().optional(),
  notes: z.string().optional(),
  domains: z.array(patternSchema).min(1),
  initialDomains: z.array(patternSchema).default([]),
});

/** An operator file replaces the list (`domains`) or edits it (`add`, `remove`). */
export const webmailOverrideSchema = z.object({
  domains: z.array(patternSchema).optional(),
  add: z.array(patternSchema).optional(),
  remove: z.array(patternSchema).optional(),
});
export type WebmailOverride = z.infer<typeof webmailOverrideSchema>;

/** The shipped list, with an optional override (an object or the text of a JSON file). */
export function loadWebmailList(override?: WebmailOverride | string): WebmailList {
  const data = webmailDataSchema.parse(defaultData);
  const base = data.domains;
  const initialDomains = data.initialDomains;
  if (override === undefined) return { patterns: base, initialDomains };
  const raw: unknown = typeof override === 'string' ? JSON.parse(override) : override;
  const parsed = webmailOverrideSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Webmail override is invalid: ${z.prettifyError(parsed.error)}`);
  const removed = new Set(parsed.data.remove ?? []);
  const patterns = [...(parsed.data.domains ?? base), ...(parsed.data.add ?? [])].filter((p) => !removed.has(p));
  return { patterns: [...new Set(patterns)], initialDomains };
}

export const defaultWebmailList: WebmailList = loadWebmailList();

/**
 * The suffixes a webmail brand gives out addresses under: .com, a country-code top-level domain
 * (yahoo.fr; every two-letter top-level domain is a country code) or a generic second-level label
 * under one (yahoo.co.uk, yahoo.com.br). Generic and new top-level domains are left out on purpose:
 * live.events or outlook.agency is a company's own registrable domain, not the brand's mail service;
 * and no subdomain (yahoo.acme.de) matches.
 */
const COUNTRY_SUFFIX = /^(?:com|[a-z]{2}|(?:co|com|net|org|ne|or)\.[a-z]{2})$/;

/** Whether a lower-case mail domain matches one list pattern. */
export function matchesWebmailPattern(domain: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) {
    const parent = pattern.slice(2);
    return domain === parent || domain.endsWith(`.${parent}`);
  }
  if (pattern.endsWith('.*')) {
    const brand = pattern.slice(0, -2);
    return domain.startsWith(`${brand}.`) && COUNTRY_SUFFIX.test(domain.slice(brand.length + 1));
  }
  return domain === pattern;
}

/** E4: whether `email` is on a web-based mail service (false for an address without a domain). */
export function isWebmail(email: string, list: WebmailList = defaultWebmailList): boolean {
  const domain = emailDomain(email);
  if (!domain) return false;
  return list.patterns.some((pattern) => matchesWebmailPattern(domain, pattern));
}

/**
 * E4 with E5: whether `email` is on a tenant's initial domain (`contoso.onmicrosoft.com`), which
 * Microsoft owns, so verification cannot show that the company owns the address.
 */
export function isInitialDomain(email: string, list: WebmailList = defaultWebmailList): boolean {
  const domain = emailDomain(email);
  if (!domain) return false;
  return list.initialDomains.some((pattern) => matchesWebmailPattern(domain, pattern));
}
