import { expect } from 'chai';
import { FOUNDATION, type ImportGraph, LAYERS, importGraph, importLoops, importsRunningUp } from './importGraph';

/**
 * Issue 14, "Done when": the import graph stacks bot → dialogs → cards → services, with i18n beneath
 * them all, no import running back up and no loop. A move that breaks the stack fails here, naming the
 * import, instead of surfacing later as a tangle.
 */
describe('The import graph stacks bot → dialogs → cards → services (issue 14)', () => {
  const sample: ImportGraph = new Map([
    ['bot/a.ts', ['dialogs/b.ts', 'services/d.ts']],
    ['dialogs/b.ts', ['cards/c.ts', 'bot/a.ts']],
    ['cards/c.ts', ['i18n/e.ts']],
    ['services/d.ts', ['services/f.ts']],
    ['services/f.ts', ['services/d.ts']],
    ['i18n/e.ts', []],
  ]);

  it('the checks flag an import running back up and a loop (so a pass means something)', () => {
    expect(importsRunningUp(sample)).to.deep.equal(['dialogs/b.ts → bot/a.ts']);
    expect(importLoops(sample)).to.have.deep.members([
      ['bot/a.ts', 'dialogs/b.ts'],
      ['services/d.ts', 'services/f.ts'],
    ]);
  });

  const graph = importGraph([...LAYERS, ...FOUNDATION]);

  it('reads the project: every layer has files and imports', () => {
    for (const folder of [...LAYERS, ...FOUNDATION]) {
      expect(
        [...graph.keys()].some((file) => file.startsWith(`${folder}/`)),
        folder,
      ).to.equal(true);
    }
    expect([...graph.values()].flat().length).to.be.greaterThan(100);
  });

  it('has no import running back up (dialogs/ never imports bot/, cards/ never imports dialogs/, ...)', () => {
    expect(importsRunningUp(graph)).to.deep.equal([]);
  });

  it('has no import loop', () => {
    expect(importLoops(graph)).to.deep.equal([]);
  });
});
