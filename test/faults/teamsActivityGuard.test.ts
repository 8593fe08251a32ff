import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { ConnectorStub } from '../support/fakes/connectorStub';
import type { PressRecord } from '../../bot/teams/pressRecord';
import { nodesOf, TeamsChat } from '../support/drivers/enrolmentChat';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { LogCapture, startTestAssistant } from '../support/drivers/testAssistant';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Well formed, RS256, a key id nobody published: only Microsoft's login metadata could tell it is forged. */
const forgedToken = `Bearer ${base64url({ alg: 'RS256', kid: 'forged-key', typ: 'JWT' })}.${base64url({
  iss: 'https://api.botframework.com',
  aud: APP_ID,
  exp: Math.floor(Date.now() / 1000) + 3600,
  nbf: Math.floor(Date.now() / 1000) - 60,
})}.${Buffer.from('not-a-signature').toString('base64url')}`;

describe('Faults: a Teams activity, guarded where it enters (issue 13 points 5, 7, 8)', () => {
  let connector: ConnectorStub;
  before(async () => {
    connector = await new ConnectorStub().start();
  });
  after(async () => {
    await connector.stop();
  });

  describe('with an app id set and Microsoft login metadata unreachable', () => {
    let assistant: Assistant;
    const logs = new LogCapture();
    before(async () => {
      assistant = await startTestAssistant({
        logs,
        // The metadata's host does not resolve here: the same as Microsoft's login being unreachable.
        env: {
          MICROSOFT_APP_ID: APP_ID,
          MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
          BOT_OPENID_METADATA_URL: 'https://login.botframework.invalid/v1/.well-known/openidconfiguration',
        },
      });
    });
    after(async () => {
      await assistant.close();
    });

    it('refuses a forged token with 401, says nothing internal, and sends nothing (7)', async () => {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${assistant.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: forgedToken },
          body: JSON.stringify(message(connector.url, 'help')),
        });
        expect(response.status).to.equal(401);
        expect(await response.text()).to.not.match(/ENOTFOUND|getaddrinfo|invalid|Error/);
      }
      expect(connector.received).to.have.length(0);
    });

    it('writes every line of the refusals as one JSON log line (7)', () => {
      const lines = logs.text().trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).to.not.throw();
      expect(logs.text()).to.include('not authenticated');
    });
  });

  describe('with authentication off (local mode)', () => {
    let assistant: Assistant;
    before(async () => {
      assistant = await startTestAssistant();
    });
    after(async () => {
      await assistant.close();
    });

    it('answers an activity whose serviceUrl is null with 400 at once (8)', async () => {
      const status = await postActivity(assistant.url, { ...message(connector.url, 'help'), serviceUrl: null });
      expect(status).to.equal(400);
    });

    it('answers an activity Teams sends twice (same id) once (5)', async () => {
      const before = connector.received.length;
      const activity = message(connector.url, 'help', { aadObjectId: 'aad-twice' });
      expect(await postActivity(assistant.url, activity)).to.equal(200);
      expect(await postActivity(assistant.url, activity)).to.equal(200);
      const other = message(connector.url, 'help', { aadObjectId: 'aad-twice' });
      expect(await postActivity(assistant.url, other)).to.equal(200);
      await connector.waitFor(before + 2);
      const replies = connector.received.slice(before).filter((r) => r.activity.replyToId === activity.id);
      expect(replies).to.have.length(1);
    });

    it('answers a card press Teams sends twice (same id) once, claimed once: in the press record, not the ledger (5; issue 18)', async () => {
      const chat = new TeamsChat(assistant, connector, { aadObjectId: 'aad-press-twice' });
      const [checklist] = await chat.say('enroll');
      const button = nodesOf(chat.lastCard().card).find((n) => n.type === 'Action.Submit');
      expect(button, 'a button on the checklist').to.not.equal(undefined);
      const press = chat.submission(chat.lastCard(), button!.title as string);
      const before = connector.received.length;
      expect(await postActivity(assistant.url, press)).to.equal(200);
      expect(await postActivity(assistant.url, press)).to.equal(200);
      // A later message's answer comes after anything the second delivery could have sent.
      await chat.say('help');
      const answers = connector.received.slice(before).filter((r) => r.activity.replyToId === press.id);
      expect(answers.length, 'answers to the press').to.be.greaterThan(0);
      const once = answers.length;
      expect(await postActivity(assistant.url, press)).to.equal(200);
      await chat.say('help');
      expect(connector.received.filter((r) => r.activity.replyToId === press.id)).to.have.length(once);

      const ledger = (await assistant.store.records.list('delivery:teams:')).map((entry) => entry.key);
      expect(
        ledger.some((key) => key.endsWith(`:${checklist.activity.replyToId}`)),
        'the typed message, in the ledger',
      ).to.equal(true);
      expect(
        ledger.some((key) => key.endsWith(`:${press.id}`)),
        'the press, in the ledger',
      ).to.equal(false);
      const presses = await assistant.store.records.list<PressRecord>('teams:press:');
      expect(presses.flatMap((entry) => entry.value.deliveries ?? []).map((d) => d.id)).to.include(press.id);
    });
  });
});
