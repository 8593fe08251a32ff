import { z } from 'zod';
import defaultData from '../data/webmail.json';
import { emailDomain } from '../domain/identifiers';

/**
 * E4: the web-based mail services whose addresses Partner Center refuses for a primary contact,
 * kept as data (services/data/webmail.json) and extendable by an operator.
 */

export interface WebmailList {
  readonly patterns: readonly string[];
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
  const base = webmailDataSchema.parse(defaultData).domains;
  if (override === undefined) return { patterns: base };
  const raw: unknown = typeof override === 'string' ? JSON.parse(override) : override;
  const parsed = webmailOverrideSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Webmail override is invalid: ${z.prettifyError(parsed.error)}`);
  const removed = new Set(parsed.data.remove ?? []);
  const patterns = [...(parsed.data.domains ?? base), ...(parsed.data.add ?? [])].filter((p) => !removed.has(p));
  return { patterns: [...new Set(patterns)] };
}

export const defaultWebmailList: WebmailList = loadWebmailList();

/**
 * A country suffix after a webmail brand: a top-level label (yahoo.com, yahoo.fr) or a generic
 * second-level label under a country code (yahoo.co.uk, yahoo.com.br). Anything looser would let
 * "yahoo.*" swallow a company's own domain such as yahoo.acme.de.
 */
const COUNTRY_SUFFIX = /^(?:[a-z]{2,}|(?:co|com|net|org|ne|or)\.[a-z]{2})$/;

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
