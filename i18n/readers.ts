import type { Translate } from './languages';

/**
 * Who reads a message: the reseller (in Teams) or the distributor (in Slack). A rule decides the same
 * for both, but what each can do about it differs, so a catalog entry may be worded per reader
 * (`rules:violation.M2.reseller-mpa-not-signed.reseller` / `.distributor`) where the shared words would
 * address the other party. Services name no reader: the edge that renders a message knows who reads it.
 */
export type Reader = 'reseller' | 'distributor';

export const READERS: readonly Reader[] = ['reseller', 'distributor'];

/** A catalog message: its key and parameters (services return these; edges translate them). */
export interface CatalogMessage {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * The keys to try, in order: the reader's own wording, then the one both share. i18next takes the
 * first key that resolves (in the reader's language, as the catalog tests keep every language whole).
 */
export function keysFor(key: string, reader: Reader): string[] {
  return [`${key}.${reader}`, key];
}

/** One message in the reader's words. */
export function tellOne(t: Translate, reader: Reader, message: CatalogMessage): string {
  return t(keysFor(message.key, reader), message.params);
}

/** Several messages in the reader's words, one paragraph each. */
export function tell(t: Translate, reader: Reader, messages: readonly CatalogMessage[], separator = '\n\n'): string {
  return messages.map((m) => tellOne(t, reader, m)).join(separator);
}
