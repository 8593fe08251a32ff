import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { mainThreadUse } from '../../bench/mainThreadUse';

/** The bench says whether a Teams figure is bound by the main thread's CPU or by waiting (issue 18). */
describe('bench: main thread use over a load', () => {
  it('reads a main thread that never waited as busy all along', () => {
    const use = mainThreadUse();
    use.start();
    const until = Date.now() + 30;
    while (Date.now() < until); // A turn's code, running without a wait.
    const spent = use.read();
    expect(spent?.busy).to.equal(1);
    expect(spent?.activeMs).to.be.at.least(30);
  });

  it('reads a main thread that waited for I/O as mostly idle, and nothing before a start', async () => {
    const use = mainThreadUse();
    expect(use.read()).to.equal(undefined);
    use.start();
    await sleep(100);
    expect(use.read()?.busy).to.be.below(0.5);
  });
});
