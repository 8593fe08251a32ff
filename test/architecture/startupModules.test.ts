import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Issue 18 item 3: botbuilder-dialogs' index loads its prompts' recognizers (about 38 MB resident and 0.2 s
 * of every start) that nothing here uses, and adaptivecards-templating loads adaptive-expressions (an ANTLR
 * parser and a function library, about a sixth of every start) for the few bindings the cards use, which
 * cards/cardTemplate.ts now expands. Importing a dialog class from the package's index instead of
 * dialogs/dialogKit.ts, or the templating library again, would bring them back without any test noticing:
 * this one does, at start and after a card is expanded as a turn expands it.
 */
describe('What the assistant loads at start (issue 18)', () => {
  it('loads botbuilder-dialogs without its prompts and recognizers, no card expression engine, no Slack SDK without Slack, and no Partner Center or Graph client in sandbox mode', function () {
    this.timeout(60_000);
    // Started on SQLite in sandbox mode without Slack, as \`npm start\` runs on the defaults, then a card expanded.
    const script = `
      const { startAssistant } = require('./bot/assistant');
      const { loadConfig } = require('./bot/config');
      const dataDir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'csp-startup-'));
      (async () => {
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
      const assistant = await startAssistant(config);
      require('./cards/renderCard').expandCard('help', require('./test/cards/samples/help.json'));
      await assistant.close();
      require('node:fs').rmSync(dataDir, { recursive: true, force: true });
      const files = Object.keys(require.cache);
      const count = (part) => files.filter((file) => file.includes(part)).length;
      process.stdout.write(JSON.stringify({
        dialogs: count('/botbuilder-dialogs/'),
        recognizers: files.filter((file) => /recognizers-text-(suite|number|date-time|choice|sequence)/.test(file)).length,
        prompts: count('/botbuilder-dialogs/lib/prompts/'),
        slack: count('/@slack/'),
        expressions: count('/adaptive-expressions/') + count('/antlr4ts/') + count('/adaptivecards-templating/'),
        restClients: files.filter((file) => /services\\/(partnerCenter|gdap)\\/(restGateway|restGdapGateway|tokenProvider)\\.[jt]s$/.test(file)).length,
      }));
      })();`;
    const out = execFileSync(process.execPath, ['--no-deprecation', '-r', 'tsx/cjs', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const loaded = JSON.parse(out) as Record<string, number>;
    expect(loaded.dialogs).to.be.greaterThan(0);
    const { recognizers, prompts, slack, expressions, restClients } = loaded;
    expect({ recognizers, prompts, slack, expressions, restClients }).to.deep.equal({
      recognizers: 0,
      prompts: 0,
      slack: 0,
      expressions: 0,
      restClients: 0,
    });
  });
});
