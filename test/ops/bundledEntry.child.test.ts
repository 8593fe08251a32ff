import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { postToSlack, slashCommandBody, TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { REDIS_URL, TEST_REDIS_DB, tempDataDir } from '../support/drivers/testAssistant';
import { ChildAssistant } from './childAssistant';

const ROOT = path.resolve(__dirname, '..', '..');
// A dist/ of the test's own inside the project (the catalogs and card templates are found from there up),
// so the suite never replaces the bundle that dist/bot/index.js is.
const OUT = path.join(ROOT, 'dist', '.bundle-test');
const ENTRY = path.join(OUT, 'bot', 'index.js');

/**
 * Issue 18: `node dist/bot/index.js` is one file (scripts/bundleEntry.mjs), so start-up no longer finds
 * and reads about 1,650. The suite runs the TypeScript sources, so this proves the file the build writes:
 * built from this checkout, it starts, answers Teams and Slack, and reaches the SDKs it leaves out (Slack's,
 * and Redis' when the run has one) from node_modules.
 */
describe('The bundled entry point, as `node dist/bot/index.js` runs it (issue 18)', function () {
  this.timeout(120_000);
  let connector: ConnectorStub;
  let slackApi: SlackApiStub;
  let child: ChildAssistant;

  before(async () => {
    // Compiled as the build compiles, since the bundle is made from tsc's output.
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const into = ['--outDir', OUT, '--tsBuildInfoFile', path.join(OUT, '.tsbuildinfo')];
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...into], { cwd: ROOT });
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundleEntry.mjs'), OUT], { cwd: ROOT });
    connector = await new ConnectorStub().start();
    slackApi = await new SlackApiStub().start();
    child = await new ChildAssistant(
      {
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATA_DIR: tempDataDir(),
        ...(REDIS_URL ? { REDIS_URL: `${REDIS_URL}/${TEST_REDIS_DB}` } : {}),
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-bundle-token',
        SLACK_API_URL: slackApi.url,
      },
      ENTRY,
    ).ready();
  });
  after(async () => {
    child?.signal('SIGKILL');
    await connector?.stop();
    await slackApi?.stop();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('holds botbuilder and restify, and leaves out native addons and the Slack and Redis SDKs', () => {
    // What went in, as esbuild recorded it (paths from the project: ../main/node_modules from a worktree
    // whose node_modules is a link).
    type Meta = { inputs: Record<string, unknown> };
    const meta = JSON.parse(readFileSync(path.join(OUT, 'bot', 'index.meta.json'), 'utf8')) as Meta;
    const origins = Object.keys(meta.inputs).map((input) => input.replace(/^.*node_modules\//, ''));
    for (const held of [
      'botbuilder/lib/cloudAdapter.js',
      'restify/lib/server.js',
      '/services/rules/partnershipRules.js',
    ]) {
      expect(
        origins.some((origin) => origin.endsWith(held)),
        held,
      ).to.equal(true);
    }
    expect(origins.filter((origin) => /^(@slack|@keyv\/redis|@redis|sqlite3)\//.test(origin))).to.deep.equal([]);
  });

  it('is ASCII only, so V8 keeps its source as one byte a character (6.7 MB of heap, not 13.5)', () => {
    const nonAscii = readFileSync(ENTRY, 'latin1').match(/[\u0080-\uffff]/g) ?? [];
    expect(nonAscii).to.deep.equal([]);
  });

  it("runs botbuilder's async functions natively: no tsc __awaiter call is left in it (scripts/nativeAsync.cjs)", () => {
    const bundle = readFileSync(ENTRY, 'latin1');
    // The helper's own definition stays (each file of tsc's has one); nothing calls it.
    expect(bundle.match(/__awaiter\)?\((this|void 0),/g) ?? []).to.deep.equal([]);
    // The dialog stack's own, for one: an async arrow where tsc wrote a generator.
    expect(bundle).to.include('beginDialog(dialogId,options){return(async()=>{const dialog=this.findDialog(dialogId);');
  });

  it("holds botbuilder's five nested copies of zod 3.25.76 once", () => {
    type Meta = { inputs: Record<string, unknown> };
    const meta = JSON.parse(readFileSync(path.join(OUT, 'bot', 'index.meta.json'), 'utf8')) as Meta;
    const zod3 = Object.keys(meta.inputs).filter((input) => input.endsWith('/zod/v3/external.cjs'));
    expect(zod3).to.have.length(1);
  });

  it('answers a Teams help and a Slack help on the store the run configured, and stops on SIGTERM', async () => {
    const ready = child.stdout.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.store);
    expect(ready).to.include({ store: REDIS_URL ? 'redis' : 'sqlite', partnerCenter: 'sandbox', slack: true });
    expect(await postActivity(child.url, message(connector.url, 'help'))).to.equal(200);
    await connector.waitFor(1);
    expect(connector.texts().join('\n') + connector.cards().join('\n')).to.match(/enrol/i);
    expect((await postToSlack(child.url, slashCommandBody('help'))).status).to.equal(200);
    child.signal('SIGTERM');
    expect(await child.exit()).to.equal(0);
  });
});
