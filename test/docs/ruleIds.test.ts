import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { citedRuleIds, unresolvedRuleIds } from './ruleIds';

/**
 * Issue 14 item 5: every rule id the code, the catalogs, the tests and the docs cite resolves in a clone,
 * in docs/rules.md, and the README stays a front door that fits on two screens.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const CITING_FOLDERS = ['bot', 'cards', 'dialogs', 'services', 'i18n', 'manifest', 'scripts', 'bench', 'test', 'docs'];
const CITING_FILE = /\.(ts|mts|mjs|json|md|yaml)$/;
/** Not citations: the measurements the bench writes, and this file's known-bad samples. */
const NOT_CITING = [path.join('bench', 'results'), path.join('test', 'docs', 'ruleIds.test.ts')];

function citingFiles(): string[] {
  const files = CITING_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(folder, file))
      .filter((file) => CITING_FILE.test(file) && !NOT_CITING.some((excluded) => file.startsWith(excluded))),
  );
  return ['README.md', ...files];
}

describe('docs/rules.md: the rule ids the project cites', () => {
  const rulesPage = read('docs/rules.md');

  it('defines every rule id cited in source, i18n catalogs, tests and docs (E4, P6, C10, M1–M5, API1, ...)', () => {
    const files = citingFiles();
    expect(files).to.include.members([
      path.join('services', 'rules', 'partnershipRules.ts'),
      path.join('i18n', 'locales', 'en', 'rules.json'),
    ]);
    expect(unresolvedRuleIds(files.map(read), rulesPage)).to.deep.equal([]);
  });

  it('finds an id the page does not define: a known-bad sample citing P99 and a range up to M9', () => {
    const sample = '// refused under P99, see also M1–M9 and E4';
    expect(unresolvedRuleIds([sample], rulesPage)).to.deep.equal(['M6', 'M7', 'M8', 'M9', 'P99']);
  });

  it('finds an id once its heading is gone from the page (E4 dropped)', () => {
    const withoutE4 = rulesPage.replace(/^### E4$/m, '');
    expect(unresolvedRuleIds(['the primary contact may not be on webmail (E4)'], withoutE4)).to.deep.equal(['E4']);
  });

  it('reads rule ids, not look-alikes: C0 is a Slack channel id, E2.1 cites E2', () => {
    expect([...citedRuleIds('channel_id=C0; E2.1 and T0DISTRIB')]).to.deep.equal(['E2']);
  });

  it('defines the late-2026 ids too, cited or not yet (N1, API1, R1, MCA1, G1, A1, NCE1)', () => {
    expect(unresolvedRuleIds(['N1 API1 R1 R2 MCA1 G1 G4 A1 A2 NCE1 NCE2'], rulesPage)).to.deep.equal([]);
  });
});

describe('README.md: a front door on two screens', () => {
  it('has at most 150 lines', () => {
    expect(read('README.md').trimEnd().split('\n').length).to.be.at.most(150);
  });

  it('keeps the install-and-start and test commands CI relies on', () => {
    const readme = read('README.md');
    expect(readme).to.contain('npm ci && npm start');
    expect(readme).to.contain('npm test');
  });
});
