import type { MessageRef } from '../partnerships/messages';
import { decisionMessages } from '../partnerships/messages';
import type { Refusal } from '../partnerships/types';

const OWN_VALIDATION = new Set(['validation.address-missing', 'validation.city-missing']);

/** A refusal as catalog keys: rules (`rules:`), access (`partnerships:refusal.`), ours (`customers:`). */
export function customerRefusalMessages(refusal: Refusal): MessageRef[] {
  if (refusal.kind === 'rules') return decisionMessages(refusal);
  if (refusal.kind === 'access') return [{ key: `partnerships:refusal.${refusal.code}` }];
  if (refusal.code.startsWith('validation.')) {
    const code = refusal.code.slice('validation.'.length);
    return [{ key: OWN_VALIDATION.has(refusal.code) ? `customers:validation.${code}` : `rules:validation.${code}` }];
  }
  return [{ key: `customers:refusal.${refusal.code}`, params: refusal.params }];
}
