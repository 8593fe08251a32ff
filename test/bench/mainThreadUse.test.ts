import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mainThreadUse } from '../../bench/mainThreadUse';

/** The bench says whether a Teams figure is bound by the main thread's CPU or by waiting (issue 18). */
describe('bench: main thread use over a load', () => {
  it('reads a main thread that never waited as busy all along', () => {
    const use = mainThreadUse();
    use.start();
    const began = performance.now();
    while (performance.now() - began < 30); // A turn's code, running without a wait.
    const spun = performance.now() - began;
    const spent = use.read();
    expect(spent?.busy).to.equal(1);
    // Counted from the start, so at least the spin (less a clock's rounding).
    expect(spent?.activeMs).to.be.at.least(spun - 1);
  });

  it('reads a main thread that waited for I/O as mostly idle, and nothing before a start', () => {
    // In a process of its own: this one's loop also runs what earlier tests left behind (servers closing,
    // timers), which under a loaded machine made the wait read busy.
    const script = `
      const { mainThreadUse } = require(${JSON.stringify(path.join(__dirname, '../../bench/mainThreadUse'))});
      const use = mainThreadUse();
      const before = use.read();
      use.start();
      setTimeout(() => process.stdout.write(JSON.stringify({ before: before ?? null, after: use.read() })), 200);
    `;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    const { before, after } = JSON.parse(out) as { before: null; after: { busy: number } };
    expect(before).to.equal(null);
    expect(after.busy).to.be.below(0.5);
  });
});
