import { expect } from 'chai';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { postToSlack, slashCommandBody, TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { tempDataDir } from '../support/drivers/testAssistant';
import { ChildAssistant } from './childAssistant';

type Line = Record<string, unknown>;

describe('The process as an operator runs it: JSON logs with request ids, /readyz on SIGTERM (issue 17)', function () {
  this.timeout(60_000);
  let connector: ConnectorStub;
  let slackApi: SlackApiStub;
  let child: ChildAssistant;

  before(async () => {
    connector = await new ConnectorStub().start();
    slackApi = await new SlackApiStub().start();
    child = await new ChildAssistant({
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: tempDataDir(),
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-child-token',
      SLACK_API_URL: slackApi.url,
      // Long enough for the test to ask /readyz between the signal and the listener closing.
      SHUTDOWN_DELAY_MS: '4000',
    }).ready();
  });
  after(async () => {
    if (process.env.DEBUG_CHILD) process.stdout.write(child.all());
    child.signal('SIGKILL');
    await connector.stop();
    await slackApi.stop();
  });

  it('serves a turn, a Slack request and a failed turn, then says 503 on /readyz before it stops listening', async () => {
    // A served turn, its id given by the caller.
    expect(await postActivity(child.url, message(connector.url, 'help'), { 'x-request-id': 'turn-help-1' })).to.equal(
      200,
    );
    await connector.waitFor(1);
    // A Slack request.
    expect((await postToSlack(child.url, slashCommandBody('help'))).status).to.equal(200);
    // A turn that fails without crashing anything: Teams refuses the reply.
    connector.script({ status: 400, body: { error: { code: 'BadArgument', message: 'refused' } } });
    await postActivity(child.url, message(connector.url, 'status'), { 'x-request-id': 'turn-fails-1' });
    await child.waitForLine('"turn failed"');

    child.signal('SIGTERM');
    await child.waitForLine('shutting down');
    const ready = await fetch(`${child.url}/readyz`);
    expect(ready.status).to.equal(503);
    // Still listening: liveness answers while the load balancer drains this instance.
    expect((await fetch(`${child.url}/healthz`)).status).to.equal(200);
    expect(await child.exit()).to.equal(0);
    const refused = await fetch(`${child.url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
  });

  it('wrote every line as JSON, each line of a request with its request id and what the edge learnt', () => {
    const stdout = child.stdout.map((line) => JSON.parse(line) as Line);
    const stderr = child.stderr.map((line) => JSON.parse(line) as Line);
    const lines = [...stdout, ...stderr];
    expect(lines.map((l) => l.msg)).to.include.members(['CSP Partner Assistant ready', 'turn failed', 'stopped']);

    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).to.be.at.least(5);
    for (const request of requests) expect(request.reqId, JSON.stringify(request)).to.be.a('string');

    const turn = requests.find((l) => l.reqId === 'turn-help-1');
    expect(turn).to.include({ path: '/api/messages', activityType: 'message' });
    expect(turn?.conversationId).to.match(/^a:personal-/);
    expect(turn?.activityId).to.be.a('string');

    const slack = requests.find((l) => l.path === '/slack/events');
    expect(slack).to.include({ slackTeam: 'T0DISTRIB', slackType: 'command' });

    const failed = lines.find((l) => l.msg === 'turn failed');
    expect(failed).to.include({ reqId: 'turn-fails-1' });
    expect(failed?.conversationId).to.be.a('string');
    // Each field once: a key written twice in a JSON line is read differently by different tools.
    const raw = [...child.stdout, ...child.stderr].find((line) => line.includes('"turn failed"')) ?? '';
    expect(raw.match(/"activityId":/g), raw).to.have.length(1);
  });

  it('says on its first lines where it listens, on which store and Partner Center, and what to do next', () => {
    const first = child.stdout.slice(0, 6).map((line) => JSON.parse(line) as Line);
    const ready = first.find((l) => l.msg === 'CSP Partner Assistant ready');
    expect(ready).to.include({ store: 'sqlite', partnerCenter: 'sandbox', slack: true });
    const health = first.find((l) => typeof l.health === 'string');
    expect(health?.health).to.match(/\/healthz$/);
    expect(health?.ready).to.match(/\/readyz$/);
    expect(first.find((l) => l.chat === 'npm run dev')).to.not.equal(undefined);
  });
});
