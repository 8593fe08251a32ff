import { expect } from 'chai';
import { LruMap } from '../../bot/lruMap';

describe('LruMap: the bounded cache of the per-person edge caches', () => {
  it('keeps at most its capacity, forgetting the least recently used first', () => {
    const map = new LruMap<string, number>(2);
    map.set('anna', 1).set('piotr', 2);
    expect(map.get('anna')).to.equal(1); // anna is now the most recently used
    map.set('karin', 3);
    expect(map.size).to.equal(2);
    expect(map.get('piotr')).to.equal(undefined);
    expect(map.get('anna')).to.equal(1);
    expect(map.get('karin')).to.equal(3);
  });

  it('counts a key set again once, as the most recently used', () => {
    const map = new LruMap<string, number>(2);
    map.set('anna', 1).set('piotr', 2).set('anna', 10).set('karin', 3);
    expect(map.get('anna')).to.equal(10);
    expect(map.get('piotr')).to.equal(undefined);
  });

  it('refuses a capacity that could not hold anything', () => {
    expect(() => new LruMap(0)).to.throw(RangeError);
  });
});
