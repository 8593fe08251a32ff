import { expect } from 'chai';
import { type Activity, CardFactory, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { SharedConnectorClients } from '../../../bot/teams/connectorClients';
import { ConnectorStub } from '../../support/fakes/connectorStub';

/**
 * The connector clients the assistant shares write activities as JSON as they are, without
 * botframework-connector's Activity mapper (bot/teams/plainActivityBodies.ts, issue 18). Both clients
 * below are the real ones over HTTP to a local connector: the library's own, as CloudAdapter makes it,
 * and the assistant's shared one for the same service URL.
 */
describe('activities written without the Activity mapper (issue 18)', () => {
  let stub: ConnectorStub;
  beforeEach(async () => {
    stub = await new ConnectorStub().start();
  });
  afterEach(async () => {
    await stub.stop().catch(() => undefined);
  });

  const identity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: '' }]);

  /** The library's client and the assistant's, for the stub's URL. */
  async function clients(): Promise<{ library: ConnectorClient; assistant: ConnectorClient }> {
    const authentication = new ConfigurationBotFrameworkAuthentication({});
    const library = await authentication.createConnectorFactory(identity).create(stub.url);
    const assistant = await new SharedConnectorClients(authentication)
      .createConnectorFactory(identity)
      .create(stub.url);
    return { library, assistant };
  }

  /** A reply as a Teams turn sends one: the conversation, accounts and the card it answers. */
  function reply(activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      from: { id: '28:bot', name: 'CSP Partner Assistant' },
      recipient: { id: '29:ola', name: 'Ola Wójcik', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
      serviceUrl: stub.url,
      channelId: 'msteams',
      replyToId: 'card-1',
      locale: 'pl-PL',
    };
  }

  const kinds: Array<[string, Partial<Activity>]> = [
    ['a text', MessageFactory.text('Zapisano. Następny krok: dane firmy.')],
    [
      'an Adaptive Card with its actions and data',
      MessageFactory.attachment(
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: 'Główna osoba kontaktowa', wrap: true }],
          actions: [{ type: 'Action.Submit', title: 'Zapisz', data: { step: 'primaryContact', nested: [1, null] } }],
        }),
      ),
    ],
    [
      'a mention, suggested actions, channel data and a date',
      {
        ...MessageFactory.suggestedActions(['Tak', 'Nie'], '<at>Ola</at>, gotowe?'),
        entities: [{ type: 'mention', text: '<at>Ola</at>', mentioned: { id: '29:ola', name: 'Ola' } }],
        channelData: { notification: { alert: true } },
        timestamp: new Date('2026-12-05T08:00:00.000Z'),
        summary: 'gotowe?',
      },
    ],
    ['a typing indicator', { type: 'typing' }],
  ];

  for (const [kind, activity] of kinds) {
    it(`writes ${kind} as the library's mapper did, replies, new messages and updates alike`, async () => {
      const { library, assistant } = await clients();
      const sent = reply(activity) as Activity;
      for (const client of [library, assistant]) {
        await client.conversations.replyToActivity('a:1', 'card-1', sent);
        await client.conversations.sendToConversation('a:1', sent);
        await client.conversations.updateActivity('a:1', 'sent-1', { ...sent, id: 'sent-1' });
      }

      const [libraryReply, libraryNew, assistantReply, assistantNew] = stub.received.map((r) => r.activity);
      expect(assistantReply).to.deep.equal(libraryReply);
      expect(assistantNew).to.deep.equal(libraryNew);
      expect(stub.updated[1].activity).to.deep.equal(stub.updated[0].activity);
      expect(stub.received.map((r) => r.path)).to.deep.equal([
        '/v3/conversations/a%3A1/activities/card-1',
        '/v3/conversations/a%3A1/activities',
        '/v3/conversations/a%3A1/activities/card-1',
        '/v3/conversations/a%3A1/activities',
      ]);
    });
  }

  it('writes what it is given, where the mapper dropped what the schema does not name, and the test connector says so', async () => {
    const { assistant } = await clients();
    await assistant.conversations.sendToConversation('a:1', {
      ...(reply(MessageFactory.text('Cześć')) as Activity),
      notInTheSchema: 'kept',
    } as Activity);

    expect(stub.received[0].activity).to.include({ text: 'Cześć', notInTheSchema: 'kept' });
    await stub.stop().then(
      () => expect.fail('the journeys would not notice a body the mapper writes otherwise'),
      (error: Error) => expect(error.message).to.contain('not as the Activity mapper writes them'),
    );
  });

  it("gives back the id Teams gave the activity, and Teams' refusal as the library's error, as the notifier reads it", async () => {
    const { assistant } = await clients();
    const sent = reply(MessageFactory.text('Twoja weryfikacja jest zakończona.')) as Activity;

    expect((await assistant.conversations.sendToConversation('a:1', sent)).id).to.equal('sent-1');

    stub.script({
      status: 403,
      body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } },
    });
    const refused = await assistant.conversations.sendToConversation('a:1', sent).then(
      () => expect.fail('Teams refused it'),
      (error: { statusCode?: number; code?: string; message?: string }) => error,
    );
    expect(refused).to.include({
      statusCode: 403,
      code: 'ConversationBlockedByUser',
      message: 'User blocked the conversation with the bot.',
    });
  });
});
