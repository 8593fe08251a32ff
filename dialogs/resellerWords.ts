import type { Translate } from '../i18n/i18n';
import { type CatalogMessage, tell, tellOne } from '../i18n/readers';

/**
 * The Teams side speaks to resellers: every rule, refusal and lookup answer a Teams conversation gives
 * is told in the reseller's words (i18n/readers.ts picks the reseller's variant of a key when there is
 * one). One vocabulary, so no conversation words a refusal for the other side.
 */
export const toReseller = (t: Translate, messages: readonly CatalogMessage[]) => tell(t, 'reseller', messages);

/** One message, in the reseller's words. */
export const oneToReseller = (t: Translate, message: CatalogMessage) => tellOne(t, 'reseller', message);
