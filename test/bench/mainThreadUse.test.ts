import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
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

  it('reads a main thread that waited for I/O as mostly idle, and nothing before a start', async () => {
    const use = mainThreadUse();
    expect(use.read()).to.equal(undefined);
    use.start();
    await sleep(100);
    expect(use.read()?.busy).to.be.below(0.5);
  });
});
