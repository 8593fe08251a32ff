import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import type { Feature, FeatureDeps } from '../../bot/features/feature';
import { FEATURES } from '../../bot/features';
import { createLogger } from '../../bot/logger';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { DurableNotifier } from '../../bot/proactive/durableNotifier';
import { NoticeRenderers } from '../../bot/proactive/noticeRenderers';
import { ConversationReferenceStore } from '../../bot/teams/conversationReferences';
import { SlackInstallation } from '../../bot/slack/slackInstallation';
import type { AuditEntry } from '../../services/partnerships/types';
import { openStore } from '../../services/storage/openStore';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { postToSlack } from '../support/drivers/slackRequests';
import { startTestAssistant } from '../support/drivers/testAssistant';
import { LogLines } from './logLines';

const TEAM = 'T0DISTRIB';
const CHANNEL = 'C0APPROVALS';
const verified = { renderer: 'reseller.verified', params: { companyName: 'Fabrikam IT' } };

function slackEvent(event: Record<string, unknown>, eventId: string) {
  return JSON.stringify({
    type: 'event_callback',
    team_id: TEAM,
    api_app_id: 'A0CSP',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

describe('Slack lifecycle: the app removed from a workspace (issue 17)', () => {
  let slackApi: SlackApiStub;
  let assistant: Assistant;
  let deps: FeatureDeps;
  let logs: LogLines;

  beforeEach(async () => {
    logs = new LogLines();
    slackApi = await new SlackApiStub().start();
    const capture = (d: FeatureDeps): Feature => {
      deps = d;
      return { name: 'capture' };
    };
    assistant = await startTestAssistant({
      slackApiUrl: slackApi.url,
      features: [...FEATURES, capture],
      logger: createLogger('info', logs),
    });
  });
  afterEach(async () => {
    await assistant.close();
    await slackApi.stop();
  });

  const outbox = () => (deps.notifier as DurableNotifier).outbox;

  it('stops posting to the workspace after app_uninstalled, and the audit log says so', async () => {
    await deps.notifier.slackChannel(CHANNEL, verified, 'before-uninstall');
    await slackApi.waitFor('chat.postMessage', 1);

    const body = slackEvent({ type: 'app_uninstalled' }, 'Ev0UNINSTALL');
    expect((await postToSlack(assistant.url, body, { contentType: 'application/json' })).status).to.equal(200);
    await logs.waitForMessage('Slack access ended: no more posting to this workspace');

    await deps.notifier.slackChannel(CHANNEL, verified, 'after-uninstall');
    expect(await outbox().job(`after-uninstall:${CHANNEL}`, 'slack')).to.equal(undefined);
    expect(slackApi.callsOf('chat.postMessage')).to.have.length(1);

    const audit = await assistant.store.records.list<AuditEntry>(`partnerships:audit:slack:${TEAM}:`);
    expect(audit.map((entry) => entry.value)).to.deep.include.members([
      {
        at: audit[0].value.at,
        providerId: `slack:${TEAM}`,
        actor: { platform: 'slack', userId: 'slack' },
        action: 'slack.uninstalled',
        outcome: 'done',
        rules: [],
        details: { event: 'app_uninstalled' },
      },
    ]);
  });

  it('stops posting after tokens_revoked names the bot token, on every instance sharing the store', async () => {
    const body = slackEvent({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }, 'Ev0REVOKED');
    expect((await postToSlack(assistant.url, body, { contentType: 'application/json' })).status).to.equal(200);
    await logs.waitForMessage('Slack access ended: no more posting to this workspace');
    // Another instance with the same token and store reads the revocation from the store.
    expect(await new SlackInstallation(assistant.store.records, 'xoxb-test-token').isRevoked()).to.equal(true);
    // A reinstall brings a new token, which posts again.
    expect(await new SlackInstallation(assistant.store.records, 'xoxb-new-token').isRevoked()).to.equal(false);
  });

  it('ends a notice queued before the removal without posting it', async () => {
    // An instance whose workers have not run yet, on a store of its own (the running assistant's workers
    // would take the job): its queued notice meets the revocation at delivery.
    const { records } = openStore({ backend: 'memory' });
    const renderers = new NoticeRenderers();
    renderers.add(undefined, { 'reseller.verified': () => ({ text: 'verified' }) });
    const queued = new DurableNotifier({
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      appId: '',
      references: new ConversationReferenceStore(records),
      renderers,
      records,
      logger: createLogger('silent'),
      slack: { botToken: 'xoxb-queued-token', apiUrl: slackApi.url, apiTimeoutMs: 2000 },
    });
    await queued.slackChannel(CHANNEL, verified, 'queued-before');
    await new SlackInstallation(records, 'xoxb-queued-token').revoke({
      teamId: TEAM,
      event: 'app_uninstalled',
      at: '',
    });
    await queued.outbox.drain();
    expect((await queued.outbox.job(`queued-before:${CHANNEL}`, 'slack'))?.state).to.equal('gone');
    expect(slackApi.callsOf('chat.postMessage')).to.have.length(0);
  });

  it('records a revocation once when Slack repeats it', async () => {
    const installation = new SlackInstallation(assistant.store.records, 'xoxb-another-token');
    const revocation = { teamId: TEAM, event: 'app_uninstalled', at: new Date().toISOString() };
    expect(await installation.revoke(revocation)).to.equal(true);
    expect(await installation.revoke(revocation)).to.equal(false);
  });
});
