import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../bot/heapGrowth';

const ROOT = path.resolve(__dirname, '../..');

/** The factor V8 printed for the old generation's next limit after one full collection, in a fresh node. */
function factorAfterOneCollection(nodeFlags: string[], applied: boolean): string | undefined {
  const script = `${applied ? "require('./bot/heapGrowth').applyHeapGrowth();" : ''} gc();`;
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--trace-gc-verbose', ...nodeFlags, '-r', 'tsx/cjs', '-e', script],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const limits = [...out.matchAll(/\[HeapController\] Limit: .*\(([\d.]+)\)/g)];
  return limits.at(-1)?.[1];
}

describe("V8's heap growth, set at the assistant's start (issue 18 item 3)", () => {
  it(`lets the old generation grow ${HEAP_GROWING_PERCENT} % past its live size, not V8's 4× on a large host`, function () {
    this.timeout(30_000);
    // V8 prints the factor with one decimal.
    expect(factorAfterOneCollection([], true)).to.equal((1 + HEAP_GROWING_PERCENT / 100).toFixed(1));
  });

  it("leaves an operator's own --heap-growing-percent in force, 0 meaning V8's own choice", function () {
    this.timeout(30_000);
    expect(factorAfterOneCollection(['--heap-growing-percent=20'], true)).to.equal('1.2');
    expect(heapGrowthFlag(['--heap-growing-percent=0'])).to.equal(undefined);
    expect(heapGrowthFlag(['--heap_growing_percent=30'])).to.equal(undefined);
    expect(heapGrowthFlag(['--heap-growing-percent', '30'])).to.equal(undefined);
  });

  it('sets its own value beside any other node flag, a heap cap included', () => {
    expect(heapGrowthFlag([])).to.equal(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(['--max-old-space-size=512', '--enable-source-maps'])).to.equal(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    );
  });
});
