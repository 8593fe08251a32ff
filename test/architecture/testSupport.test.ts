import { expect } from 'chai';
import { importGraph } from './importGraph';

/**
 * Issue 14 item 4: scripts/ and bench/ may use the tests' shared fakes and drivers (test/support/) and
 * nothing else in test/, so a test can be moved or rewritten without breaking the Playground or the bench.
 */
describe('scripts/ and bench/ reach into test/ only through test/support/ (issue 14)', () => {
  it('imports nothing from test/ outside test/support/', () => {
    const stray = [...importGraph(['scripts', 'bench'])].flatMap(([from, targets]) =>
      targets.filter((to) => to.startsWith('test/') && !to.startsWith('test/support/')).map((to) => `${from} → ${to}`),
    );
    expect(stray).to.deep.equal([]);
  });

  it('does use test/support/ (so a pass means something)', () => {
    const used = [...importGraph(['scripts', 'bench']).values()].flat().filter((to) => to.startsWith('test/support/'));
    expect(used).to.not.be.empty;
  });
});
