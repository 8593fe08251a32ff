import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { brokenRelativeLinks } from './relativeLinks';

/** Issue 14 item 5: the README and the docs it leads to link only to files that exist in a clone. */
const ROOT = path.resolve(__dirname, '..', '..');

const pages = [
  'README.md',
  'bench/README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

describe('relative links in README.md, bench/README.md and docs/*.md', () => {
  for (const page of pages) {
    it(`${page} links only to files that exist`, () => {
      const file = path.join(ROOT, page);
      expect(brokenRelativeLinks(readFileSync(file, 'utf8'), file)).to.deep.equal([]);
    });
  }

  it('reports a link to a missing file, and not one inside code or to the web (known-bad sample)', () => {
    const sample = [
      'See [the rules](rules.md#e4), [gone](missing.md) and ![a picture](screenshots/nope.png).',
      '[web](https://example.com) [anchor](#top) `[code](not-a-link.md)`',
      '```',
      '[fenced](also-not-a-link.md)',
      '```',
    ].join('\n');
    expect(brokenRelativeLinks(sample, path.join(ROOT, 'docs', 'sample.md'))).to.deep.equal([
      'missing.md',
      'screenshots/nope.png',
    ]);
  });
});
