import type { PartnerKind } from '../domain/partner';
import { option, violation } from './codes';
import { allow, type Decision, refuse } from './decision';

/** A link in a chain of sale, from the seller of last resort to the end customer. */
export type ChainParty = 'microsoft' | PartnerKind | 'customer';

/** T2: exactly these chains sell to an end customer with billing and support. */
export const SUPPORTED_CHAINS: readonly (readonly ChainParty[])[] = [
  ['microsoft', 'direct-bill', 'customer'],
  ['microsoft', 'indirect-provider', 'indirect-reseller', 'customer'],
];

/**
 * T2 (003 scenario 1): Microsoft → direct-bill partner → customer, or Microsoft → indirect
 * provider → indirect reseller → customer. Anything else (a reseller buying from Microsoft, a
 * provider buying from a provider, a reseller selling to a provider) is not a supported transaction.
 */
export function isSupportedChain(chain: readonly ChainParty[]): Decision {
  const supported = SUPPORTED_CHAINS.some(
    (candidate) => candidate.length === chain.length && candidate.every((party, i) => party === chain[i]),
  );
  return supported ? allow() : refuse([violation('T2.unsupported-chain', { chain: chain.join(' → ') })]);
}

/**
 * "Why can't I buy from Microsoft directly?" T2 answers for the partner's kind: only a direct-bill
 * partner buys from Microsoft to sell to a customer; anyone else buys through an indirect provider.
 * T3 says what it takes to become one: integrating with Microsoft's APIs and giving billing, support
 * and managed services on an ongoing basis.
 */
export function mayBuyFromMicrosoftDirectly(kind: PartnerKind): Decision {
  const chain = isSupportedChain(['microsoft', kind, 'customer']);
  if (chain.allowed) return chain;
  const stayIndirect = kind === 'indirect-reseller' ? [option('E8.find-provider-in-region')] : [];
  return refuse(chain.violations, [option('T3.become-direct-bill-partner'), ...stayIndirect]);
}
