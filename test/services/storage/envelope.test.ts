import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { expect } from 'chai';
import { decodeRecord, encodeRecord } from '../../../services/storage/envelope';

/**
 * A record is stored in Keyv's own envelope and serialisation, so that Keyv (and an older version of the
 * assistant) reads what the atomic store writes; the store writes it with native JSON when that gives the
 * same text (issue 18). These values are the plain data records hold, and the strings Keyv escapes.
 */
const values: unknown[] = [
  { companyName: 'Tailspin Toys', domains: ['tailspintoys.pl'], answeredBy: { mpa: 'aad-anna' } },
  { note: ':starts with a colon', list: [':one', 'two', ':three'], nested: { deep: [{ x: ':y' }] } },
  { ':key starts': 'value', 'key ends:': ':value', 'ends,': 1, 'ends[': [':a'] },
  { text: 'quotes " and \\ and ":" inside', emoji: 'zażółć gęślą jaźń 🙂', tab: '\t\n' },
  { time: new Date('2026-12-03T18:00:00.000Z'), count: 0, fraction: 0.25, empty: '', nothing: null },
  { skipped: undefined, kept: [1, null, 'x'] },
  ':a bare string with a colon',
  'a bare string',
  42,
  [':x', { ':': ':' }],
];

describe('records in Keyv’s envelope, written the fast way (issue 18)', () => {
  for (const value of values) {
    it(`writes exactly what Keyv writes, and reads it back: ${JSON.stringify(value)}`, () => {
      const raw = encodeRecord(value, 7);
      expect(raw).to.equal(defaultSerialize({ value: { v: 7, d: value } }));
      const read = decodeRecord(raw);
      expect(read?.version).to.equal(7);
      expect(read?.value).to.deep.equal(defaultDeserialize<{ value: { d: unknown } }>(raw).value.d);
    });
  }

  it('reads what Keyv wrote, with spaces, as Keyv reads it', () => {
    const raw = '{ "value": { "v": 3, "d": { "note": "::escaped", "list": [ "::x" ] } } }';
    expect(decodeRecord(raw)?.value).to.deep.equal({ note: ':escaped', list: [':x'] });
  });

  it('keeps an expiry and treats an expired record as gone', () => {
    const raw = encodeRecord({ a: 1 }, 1, 1_000);
    expect(decodeRecord(raw, Date.now())?.value).to.deep.equal({ a: 1 });
    expect(decodeRecord(raw, Date.now() + 2_000)).to.equal(undefined);
  });
});
