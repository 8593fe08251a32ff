import { expect } from 'chai';
import { backoffDelay, parseRetryAfter, type RetryOptions, retry } from '../../../services/partnerCenter/retry';

describe('retry with backoff', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');

  describe('Retry-After', () => {
    const rows: Array<[string | null, number | undefined]> = [
      ['120', 120_000],
      [' 0 ', 0],
      ['Mon, 02 Mar 2026 09:00:30 GMT', 30_000],
      ['Mon, 02 Mar 2026 08:59:00 GMT', 0],
      ['soon', undefined],
      ['-5', undefined],
      ['1.5', undefined],
      [null, undefined],
    ];
    for (const [header, expected] of rows) {
      it(`reads ${JSON.stringify(header)} as ${expected === undefined ? 'no wait asked' : `${expected} ms`}`, () => {
        expect(parseRetryAfter(header, now)).to.equal(expected);
      });
    }
  });

  it('grows the cap exponentially up to the maximum, with the wait a random share of it', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, options))).to.deep.equal([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).to.equal(0);
  });

  describe('the loop', () => {
    const waits: number[] = [];
    const options: RetryOptions = {
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      maxRetryAfterMs: 5000,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
    };
    const failing = (verdicts: Array<{ retryable: boolean; retryAfterMs?: number }>) => {
      let calls = 0;
      const operation = async () => {
        calls++;
        if (calls <= verdicts.length) throw verdicts[calls - 1];
        return `ok after ${calls}`;
      };
      return { operation, calls: () => calls };
    };
    const classify = (e: unknown) => e as { retryable: boolean; retryAfterMs?: number };

    beforeEach(() => {
      waits.length = 0;
    });

    it('returns the first success, having waited the backoff in between', async () => {
      const { operation } = failing([{ retryable: true }, { retryable: true }]);
      expect(await retry(operation, classify, options)).to.equal('ok after 3');
      expect(waits).to.deep.equal([50, 100]);
    });

    it('waits exactly what the server asked for when it said', async () => {
      const { operation } = failing([{ retryable: true, retryAfterMs: 2000 }]);
      await retry(operation, classify, options);
      expect(waits).to.deep.equal([2000]);
    });

    it('stops at once on a failure that is not retryable', async () => {
      const { operation, calls } = failing([{ retryable: false }]);
      const error = await retry(operation, classify, options).catch((e: unknown) => e);
      expect(error).to.deep.equal({ retryable: false });
      expect(calls()).to.equal(1);
      expect(waits).to.deep.equal([]);
    });

    it('throws the last failure when the attempts run out', async () => {
      const { operation, calls } = failing([
        { retryable: true },
        { retryable: true },
        { retryable: true, retryAfterMs: 1 },
      ]);
      const error = await retry(operation, classify, options).catch((e: unknown) => e);
      expect(error).to.deep.equal({ retryable: true, retryAfterMs: 1 });
      expect(calls()).to.equal(3);
    });

    it('does not wait out a Retry-After longer than allowed', async () => {
      const { operation, calls } = failing([{ retryable: true, retryAfterMs: 60_000 }]);
      await retry(operation, classify, options).catch(() => undefined);
      expect(calls()).to.equal(1);
      expect(waits).to.deep.equal([]);
    });
  });
});
