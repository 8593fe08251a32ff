import { expect } from 'chai';
import { type ChainParty, isSupportedChain } from '../../../services/rules';

describe('supported chains (T2)', () => {
  const rows: Array<[string, ChainParty[], boolean]> = [
    ['allows a direct-bill partner selling to a customer (T2)', ['microsoft', 'direct-bill', 'customer'], true],
    [
      'allows the two-tier chain through a provider and a reseller (T2)',
      ['microsoft', 'indirect-provider', 'indirect-reseller', 'customer'],
      true,
    ],
    ['refuses a reseller buying from Microsoft (T2)', ['microsoft', 'indirect-reseller', 'customer'], false],
    [
      'refuses a provider buying from a provider (T2)',
      ['microsoft', 'indirect-provider', 'indirect-provider', 'indirect-reseller', 'customer'],
      false,
    ],
    [
      'refuses a reseller selling to a provider (T2)',
      ['microsoft', 'indirect-provider', 'indirect-reseller', 'indirect-provider'],
      false,
    ],
    ['refuses a provider selling straight to a customer (T2)', ['microsoft', 'indirect-provider', 'customer'], false],
    ['refuses a chain that does not start at Microsoft (T2)', ['direct-bill', 'customer'], false],
  ];
  for (const [name, chain, supported] of rows) {
    it(name, () => {
      const decision = isSupportedChain(chain);
      expect(decision.allowed).to.equal(supported);
      if (!supported) {
        expect(decision.violations).to.deep.equal([
          { rule: 'T2', code: 'T2.unsupported-chain', facts: { chain: chain.join(' → ') } },
        ]);
      }
    });
  }
});
