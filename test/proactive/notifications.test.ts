import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { expect } from 'chai';
import { createLogger } from '../../bot/logger';
import { teamsNotices } from '../../bot/features/notifications';
import { DurableNotifier } from '../../bot/proactive/durableNotifier';
import { NoticeRenderers } from '../../bot/proactive/noticeRenderers';
import { signVerificationEvent, WEBHOOK_PATH } from '../../bot/proactive/verificationWebhook';
import { ConversationReferenceStore } from '../../bot/teams/conversationReferences';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { openStore } from '../../services/storage/openStore';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { startTestAssistant, tempDataDir } from '../support/drivers/testAssistant';
import { enrolledReseller, sandboxOn } from './helpers';

const SECRET = 'test-webhook-secret';
const TENANT = DEMO.resellerInVerification.tenantId;
const user = { tenantId: TENANT, aadObjectId: 'aad-notified', locale: 'en-US' };

async function postEvent(
  baseUrl: string,
  event: Record<string, unknown>,
  options: { secret?: string; timestamp?: number } = {},
) {
  const body = JSON.stringify(event);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csp-timestamp': timestamp,
      'x-csp-signature': signVerificationEvent(options.secret ?? SECRET, timestamp, body),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const event = (vettingStatus: string, vettingSubStatus: string, eventId = randomUUID()) => ({
  tenantId: TENANT,
  vettingStatus,
  vettingSubStatus,
  eventId,
  occurredAt: new Date().toISOString(),
});

describe('proactive notifications (SQLite)', () => {
  let connector: ConnectorStub;
  beforeEach(async () => {
    connector = await new ConnectorStub().start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  describe('verification webhook', () => {
    it('tells the reseller in Teams, without them typing, when a signed event says they are verified (E5)', async () => {
      const assistant = await startTestAssistant({
        env: { VERIFICATION_WEBHOOK_SECRET: SECRET, VERIFICATION_POLL_MS: '3600000' },
      });
      try {
        await postActivity(assistant.url, message(connector.url, 'help', user));
        await connector.waitFor(1);
        await enrolledReseller(assistant.store.records, TENANT, { verificationSubStatus: 'Decision' });

        const accepted = await postEvent(assistant.url, event('Authorized', 'None'));
        expect(accepted.status).to.equal(202);
        await connector.waitFor(2);
        expect(connector.texts()[1]).to.include('verified by Microsoft');
        expect(connector.texts()[1]).to.include('Microsoft Partner Agreement');
        const partner = await new PartnerDirectory(assistant.store.records).get(TENANT);
        expect(partner?.status.verification).to.equal('Authorized');
      } finally {
        await assistant.close();
      }
    });

    it('refuses a forged signature (401), a stale timestamp (401) and a bad body (400), and sends nothing', async () => {
      const assistant = await startTestAssistant({
        env: { VERIFICATION_WEBHOOK_SECRET: SECRET, VERIFICATION_POLL_MS: '3600000' },
      });
      try {
        await postActivity(assistant.url, message(connector.url, 'help', user));
        await connector.waitFor(1);
        await enrolledReseller(assistant.store.records, TENANT, { verificationSubStatus: 'EmailOwnership' });

        expect((await postEvent(assistant.url, event('Rejected', 'Decision'), { secret: 'wrong' })).status).to.equal(
          401,
        );
        const stale = Math.floor(Date.now() / 1000) - 6 * 60;
        expect((await postEvent(assistant.url, event('Rejected', 'Decision'), { timestamp: stale })).status).to.equal(
          401,
        );
        expect((await postEvent(assistant.url, { ...event('Rejected', 'Decision'), tenantId: 'x' })).status).to.equal(
          400,
        );
        const partner = await new PartnerDirectory(assistant.store.records).get(TENANT);
        expect(partner?.status.verification).to.equal('Pending');

        // The next genuine event is the next thing the user reads: nothing went out for the refused ones.
        expect((await postEvent(assistant.url, event('Pending', 'EmploymentVerification'))).status).to.equal(202);
        await connector.waitFor(2);
        expect(connector.received).to.have.length(2);
        expect(connector.texts()[1]).to.include('works for your organisation');
      } finally {
        await assistant.close();
      }
    });

    it('answers a replayed event as a duplicate and notifies once', async () => {
      const assistant = await startTestAssistant({
        env: { VERIFICATION_WEBHOOK_SECRET: SECRET, VERIFICATION_POLL_MS: '3600000' },
      });
      try {
        await postActivity(assistant.url, message(connector.url, 'help', user));
        await connector.waitFor(1);
        await enrolledReseller(assistant.store.records, TENANT, { verificationSubStatus: 'EmailOwnership' });
        const first = event('Pending', 'BusinessVerification');
        expect((await postEvent(assistant.url, first)).status).to.equal(202);
        await connector.waitFor(2);
        const replay = await postEvent(assistant.url, first);
        expect(replay).to.deep.equal({ status: 200, body: { accepted: true, duplicate: true } });
        // The same change under a new event id changes nothing either.
        expect((await postEvent(assistant.url, { ...first, eventId: randomUUID() })).body.changed).to.equal(false);
        expect((await postEvent(assistant.url, event('Pending', 'Decision'))).status).to.equal(202);
        await connector.waitFor(3);
        expect(connector.received).to.have.length(3);
        expect(connector.texts()[2]).to.include('taking its decision');
      } finally {
        await assistant.close();
      }
    });

    it('is off (404) without VERIFICATION_WEBHOOK_SECRET', async () => {
      const assistant = await startTestAssistant();
      try {
        expect((await postEvent(assistant.url, event('Authorized', 'None'))).status).to.equal(404);
      } finally {
        await assistant.close();
      }
    });
  });

  it('delivers a notice enqueued before a restart once, by the next assistant on the same data', async () => {
    const dataDir = tempDataDir();
    const first = await startTestAssistant({ dataDir, env: { VERIFICATION_POLL_MS: '3600000' } });
    await postActivity(first.url, message(connector.url, 'help', user));
    await connector.waitFor(1);
    await first.close();

    // An instance that enqueued and stopped before its workers ran (they never start here).
    const store = openStore({ backend: 'sqlite', dataDir });
    const renderers = new NoticeRenderers();
    renderers.add(teamsNotices);
    const stopped = new DurableNotifier({
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      appId: '',
      references: new ConversationReferenceStore(store.records),
      renderers,
      records: store.records,
      logger: createLogger('silent'),
    });
    const notice = { renderer: 'mpa.reminder', params: { period: 1 } };
    await stopped.teamsTenant(TENANT, notice, 'restart-test');
    await stopped.teamsTenant(TENANT, notice, 'restart-test');
    await store.close();
    expect(connector.received).to.have.length(1);

    const second = await startTestAssistant({ dataDir, env: { VERIFICATION_POLL_MS: '3600000' } });
    try {
      await connector.waitFor(2);
      expect(connector.texts()[1]).to.include('not signed yet');
      await postActivity(second.url, message(connector.url, 'help', user));
      await connector.waitFor(3);
      expect(connector.texts().filter((t) => t.includes('not signed yet'))).to.have.length(1);
    } finally {
      await second.close();
    }
  });

  it('tells the reseller once it is verified, from its PartnerID turning valid at Partner Center, and never a vetting step it cannot see (API1, E5)', async () => {
    const stepMs = 3_600_000;
    const assistant = await startTestAssistant({
      env: { VERIFICATION_POLL_MS: '30', SANDBOX_VERIFICATION_STEP_MS: String(stepMs) },
    });
    try {
      await postActivity(assistant.url, message(connector.url, 'help', user));
      await connector.waitFor(1);
      await enrolledReseller(assistant.store.records, TENANT, { verificationSubStatus: 'EmailOwnership' });
      const directory = new PartnerDirectory(assistant.store.records);
      await directory.update(TENANT, (p) => p && { ...p, mpnId: DEMO.resellerInVerification.mpnId });
      const sandbox = sandboxOn(assistant.store.records, stepMs);

      await sandbox.advanceVerification(TENANT);
      await sandbox.setVerification(TENANT, 'Authorized', 'None');
      await connector.waitFor(2);
      expect(connector.texts()[1]).to.include('verified');
      // The step advanced before is the reseller's to see in Partner Center: never announced (the unit test proves it per poll).
      expect(connector.texts().filter((t) => t.includes('in progress'))).to.deep.equal([]);
      expect((await directory.get(TENANT))?.status).to.include({ verification: 'Authorized', enrolment: 'enrolled' });
    } finally {
      await assistant.close();
    }
  });
});
