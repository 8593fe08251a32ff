import { expect } from 'chai';
import { type ChainParty, isSupportedChain, mayBuyFromMicrosoftDirectly } from '../../../services/rules';

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

describe('buying from Microsoft directly (T2, T3)', () => {
  it('tells a reseller it cannot, and what a direct-bill partner must be able to do (T2, T3)', () => {
    const decision = mayBuyFromMicrosoftDirectly('indirect-reseller');
    expect(decision.allowed).to.equal(false);
    expect(decision.violations.map((v) => v.code)).to.deep.equal(['T2.unsupported-chain']);
    expect(decision.options.map((o) => o.code)).to.deep.equal([
      'T3.become-direct-bill-partner',
      'E8.find-provider-in-region',
    ]);
  });

  it('tells a provider it sells through resellers, not to customers straight (T2, T3)', () => {
    expect(mayBuyFromMicrosoftDirectly('indirect-provider').options.map((o) => o.code)).to.deep.equal([
      'T3.become-direct-bill-partner',
    ]);
  });

  it('lets a direct-bill partner buy from Microsoft (T2)', () => {
    expect(mayBuyFromMicrosoftDirectly('direct-bill').allowed).to.equal(true);
  });
});
