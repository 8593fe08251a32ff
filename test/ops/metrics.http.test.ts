import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import type { Metrics } from '../../bot/observability/metrics';
import { instrumentGateway } from '../../bot/observability/instrumentedGateway';
import { Metrics as MetricsRegistry } from '../../bot/observability/metrics';
import { noticeObserver } from '../../bot/observability/noticeObserver';
import { Outbox } from '../../services/outbox/outbox';
import { PartnerCenterError } from '../../services/partnerCenter/errors';
import { SandboxGateway } from '../../services/partnerCenter/sandboxGateway';
import { openStore } from '../../services/storage/openStore';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { postToSlack, slashCommandBody } from '../support/drivers/slackRequests';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { startTestAssistant } from '../support/drivers/testAssistant';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123';

/** The value of one series, 0 when it has not been written yet. */
async function value(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const found = values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return found?.value ?? 0;
}

/** Waits until `holds` is true, checking again after each turn of the event loop (no fixed sleep). */
async function until(holds: () => Promise<boolean>): Promise<void> {
  while (!(await holds())) await new Promise((resolve) => setImmediate(resolve));
}

async function scrape(url: string, token?: string) {
  const response = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text() };
}

describe('Metrics: GET /metrics (issue 17)', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;
  let slackApi: SlackApiStub;

  before(async () => {
    connector = await new ConnectorStub().start();
    slackApi = await new SlackApiStub().start();
    assistant = await startTestAssistant({ slackApiUrl: slackApi.url, env: { METRICS_TOKEN } });
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
    await slackApi.stop();
  });

  it('is off without METRICS_TOKEN: 404', async () => {
    const plain = await startTestAssistant();
    try {
      expect((await scrape(plain.url)).status).to.equal(404);
    } finally {
      await plain.close();
    }
  });

  it('refuses a scrape without the bearer token (401) and serves the Prometheus text with it', async () => {
    expect((await scrape(assistant.url)).status).to.equal(401);
    expect((await scrape(assistant.url, 'wrong-token-of-the-same-len')).status).to.equal(401);
    const { status, text } = await scrape(assistant.url, METRICS_TOKEN);
    expect(status).to.equal(200);
    expect(text).to.include('# TYPE csp_turns_total counter');
    expect(text).to.include('csp_outbox_jobs{state="queued"}');
  });

  it('counts a Teams turn by kind and outcome, with its latency, and the store calls it made', async () => {
    const turns = await value(assistant.metrics, 'csp_turns_total', { kind: 'message', outcome: 'ok' });
    expect(await postActivity(assistant.url, message(connector.url, 'help'))).to.equal(200);
    expect(await value(assistant.metrics, 'csp_turns_total', { kind: 'message', outcome: 'ok' })).to.equal(turns + 1);
    const { text } = await scrape(assistant.url, METRICS_TOKEN);
    expect(text).to.match(/csp_turn_duration_seconds_count\{kind="message",outcome="ok"\} [1-9]/);
    expect(text).to.match(/csp_store_operation_duration_seconds_count\{operation="read"\} [1-9]/);
  });

  it('counts a Slack request by kind and outcome', async () => {
    const labels = { kind: 'command', outcome: 'ok' };
    const before = await value(assistant.metrics, 'csp_slack_requests_total', labels);
    expect((await postToSlack(assistant.url, slashCommandBody('help'))).status).to.equal(200);
    // Bolt answers Slack at ack(), inside the listener; the count lands when the listener returns.
    await until(async () => (await value(assistant.metrics, 'csp_slack_requests_total', labels)) === before + 1);
    const { text } = await scrape(assistant.url, METRICS_TOKEN);
    expect(text).to.match(/csp_slack_request_duration_seconds_count\{kind="command",outcome="ok"\} [1-9]/);
  });
});

describe('Metrics: the outbox and Partner Center series move (issue 17)', () => {
  it('shows the backlog, then notices sent, throttled and dead-lettered', async () => {
    const store = openStore({ backend: 'memory' });
    const metrics = new MetricsRegistry();
    const outcomes: Record<string, 'delivered' | 'failed'> = { a: 'delivered', b: 'delivered', c: 'failed' };
    const outbox = new Outbox({
      records: store.records,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      observer: noticeObserver(metrics),
      handlers: {
        teams: async (payload: { name: string }) => ({ kind: outcomes[payload.name], reason: 'bad request' }),
      },
    });
    metrics.watchBacklog(outbox);
    // One lane with room for two: the third notice waits for the rate limit.
    const lanes = [{ key: 'teams:conv:1', perSecond: 0.001, burst: 2 }];
    for (const name of ['a', 'c', 'b'])
      await outbox.enqueue({ kind: 'teams', dedupeKey: name, payload: { name }, lanes });

    const backlog = await metrics.registry.getSingleMetric('csp_outbox_jobs')!.get();
    expect(backlog.values.find((v) => v.labels.state === 'queued')?.value).to.equal(3);
    expect(backlog.values.find((v) => v.labels.state === 'due')?.value).to.equal(3);

    await outbox.drain();
    expect(await value(metrics, 'csp_notices_total', { platform: 'teams', outcome: 'sent' })).to.equal(1);
    expect(await value(metrics, 'csp_notices_total', { platform: 'teams', outcome: 'dead' })).to.equal(1);
    expect(await value(metrics, 'csp_notices_total', { platform: 'teams', outcome: 'throttled' })).to.equal(1);
    const after = await metrics.registry.getSingleMetric('csp_outbox_jobs')!.get();
    expect(after.values.find((v) => v.labels.state === 'queued')?.value).to.equal(1);
  });

  it('counts Partner Center calls by operation and status', async () => {
    const store = openStore({ backend: 'memory' });
    const metrics = new MetricsRegistry();
    const sandbox = new SandboxGateway({ records: store.records, clock: { stepMs: 1000 }, regionOf: () => 'Europe' });
    const gateway = instrumentGateway(sandbox, metrics);
    const session = gateway.as('11111111-1111-1111-1111-111111111111');
    // A tenant the sandbox does not know: Partner Center's refusal is the call's status.
    const refusal = (await session.listOffers('PL').catch((error: unknown) => error)) as PartnerCenterError;
    expect(refusal).to.be.instanceOf(PartnerCenterError);
    const labels = { api: 'partner_center', operation: 'listOffers', status: String(refusal.code) };
    expect(await value(metrics, 'csp_api_calls_total', labels)).to.equal(1);
    expect(
      await value(metrics, 'csp_api_call_duration_seconds', { api: 'partner_center', operation: 'listOffers' }),
    ).to.be.a('number');
  });
});

describe('The address an operator opens (issue 17)', () => {
  it('lists the endpoints at GET / instead of a 404, and echoes a request id given as x-request-id', async () => {
    const assistant = await startTestAssistant();
    try {
      const response = await fetch(`${assistant.url}/`, { headers: { 'x-request-id': 'lb-trace-42' } });
      expect(response.status).to.equal(200);
      expect(response.headers.get('x-request-id')).to.equal('lb-trace-42');
      const body = (await response.json()) as { endpoints: Array<{ path: string }> };
      expect(body.endpoints.map((e) => e.path)).to.include.members(['/api/messages', '/slack/events', '/readyz']);
      // A value that is not a plain token is replaced, never copied into the logs.
      const odd = await fetch(`${assistant.url}/healthz`, {
        headers: { 'x-request-id': 'id with spaces; and "quotes"' },
      });
      expect(odd.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    } finally {
      await assistant.close();
    }
  });
});
