import type { PartnerKind } from '../domain/partner';
import { violation } from './codes';
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
