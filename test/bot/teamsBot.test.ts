import { expect } from 'chai';
import { z } from 'zod';
import type { Assistant } from '../../bot/assistant';
import type { FeatureFactory } from '../../bot/features/feature';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { cardSubmit, installed, message, postActivity, teamsActivity } from '../support/drivers/teamsActivities';
import { LogCapture, startTestAssistant } from '../support/drivers/testAssistant';

/** A feature whose command fails the way a bug would, to see what the user is told. */
const failingFeature: FeatureFactory = () => ({
  name: 'failing',
  teams: {
    commands: [
      {
        name: 'explode',
        descriptionKey: 'common:commands.help',
        hidden: true,
        run: async () => {
          throw new Error('database password is hunter2 at 10.0.0.7');
        },
      },
    ],
    cardActions: [
      {
        verb: 'count-up',
        payload: z.strictObject({ count: z.string().regex(/^\d{1,3}$/) }),
        run: async (_turn, data) => ({
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: `counted ${(data as { count: string }).count}` as never,
        }),
      },
    ],
  },
});

describe('Teams: what a reseller sees in a personal chat', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;
  const logs = new LogCapture();

  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant({ logs, features: [failingFeature] });
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });
  beforeEach(() => {
    connector.received.length = 0;
  });

  async function say(activity: unknown, replies = 1) {
    expect(await postActivity(assistant.url, activity)).to.equal(200);
    await connector.waitFor(replies);
  }

  it('greets a person with the welcome card when the app is installed', async () => {
    await say(installed(connector.url, { aadObjectId: 'aad-welcome' }));
    expect(connector.received).to.have.length(1);
    const card = connector.received[0].activity.attachments?.[0];
    expect((card as { contentType?: string }).contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(connector.cards()[0]).to.include('Welcome to the CSP Partner Assistant');
  });

  it('remembers where to reach a person who installed the app, for proactive messages', async () => {
    await say(installed(connector.url, { aadObjectId: 'aad-remembered' }));
    const stored = await assistant.store.records.list('teams:ref:');
    const mine = stored.find((r) => r.key.endsWith(':aad-remembered'));
    expect(mine?.value).to.have.nested.property('reference.serviceUrl', connector.url);
  });

  it('answers help with a card listing the commands that work', async () => {
    await say(message(connector.url, 'help'));
    const card = connector.cards()[0];
    expect(card).to.include('What I can do');
    expect(card).to.include('language');
    expect(card).to.not.include('explode');
  });

  it('answers help from the welcome card button (Action.Submit verb)', async () => {
    await say(cardSubmit(connector.url, { verb: 'help' }));
    expect(connector.cards()[0]).to.include('What I can do');
  });

  it('answers what it does not understand with a short hint, never silence', async () => {
    await say(message(connector.url, 'make me a sandwich'));
    expect(connector.texts()[0]).to.equal('I did not understand "make me a sandwich". Type help to see what I can do.');
  });

  it('answers a card submission it cannot place with a clear message and changes nothing', async () => {
    await say(cardSubmit(connector.url, { unexpected: { nested: true } }));
    expect(connector.texts()[0]).to.include('That card is no longer active');
  });

  it('checks an Action.Execute against its schema before it runs: a malformed one is refused in the user language', async () => {
    const invoke = (data: unknown) =>
      fetch(`${assistant.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          teamsActivity(
            connector.url,
            {
              type: 'invoke',
              name: 'adaptiveCard/action',
              value: { action: { type: 'Action.Execute', verb: 'count-up', data } },
            },
            { locale: 'sv-SE', aadObjectId: 'aad-execute' },
          ),
        ),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const refused = await invoke({ count: { nested: true } });
    expect(refused.status).to.equal(400);
    expect(refused.body).to.deep.include({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(JSON.stringify(refused.body)).to.include('Jag kunde inte läsa det som kortet skickade');
    expect((await invoke({ count: '41' })).body).to.deep.include({ statusCode: 200, value: 'counted 41' });
  });

  it('speaks Polish to a Polish Teams client', async () => {
    await say(message(connector.url, 'pomoc', { locale: 'pl-PL', aadObjectId: 'aad-pl' }));
    expect(connector.cards()[0]).to.include('Co potrafię');
  });

  it('remembers a language chosen with the language command', async () => {
    const user = { aadObjectId: 'aad-sv', locale: 'en-US' };
    await say(message(connector.url, 'language sv', user));
    expect(connector.texts()[0]).to.equal('Från och med nu talar jag svenska med dig.');
    await say(message(connector.url, 'help', user), 2);
    expect(connector.cards()[0]).to.include('Det här kan jag');
  });

  it('keeps a chosen language after a failed turn started the conversation afresh', async () => {
    const user = { aadObjectId: 'aad-sv-failed', locale: 'en-US' };
    await say(message(connector.url, 'language sv', user));
    await say(message(connector.url, 'explode', user), 2);
    await say(message(connector.url, 'help', user), 3);
    expect(connector.cards()[0]).to.include('Det här kan jag');
  });

  it('apologises without leaking internals when a turn fails, and logs the error', async () => {
    await say(message(connector.url, 'explode'));
    expect(connector.texts()[0]).to.equal(
      'Sorry, something went wrong on my side. Nothing was changed; please try again in a moment.',
    );
    expect(connector.texts().join()).to.not.include('hunter2');
    expect(logs.text()).to.include('turn failed');
  });
});
