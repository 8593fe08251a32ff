import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { ConnectorStub } from '../fakes/connectorStub';
import { message, postActivity, type TeamsUser } from '../helpers/teamsActivities';
import { startTestAssistant } from '../helpers/testAssistant';

describe('Teams: why a reseller cannot buy from Microsoft directly (T2, T3)', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;

  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant();
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });

  async function reply(text: string, user: TeamsUser): Promise<string> {
    const before = connector.received.length;
    expect(await postActivity(assistant.url, message(connector.url, text, user))).to.equal(200);
    await connector.waitFor(before + 1);
    return connector.received
      .slice(before)
      .map((r) => String(r.activity.text ?? ''))
      .join('\n');
  }

  it('answers direct with the supported chains and what a direct-bill partner must be able to do (T2, T3)', async () => {
    const answer = await reply('direct', { aadObjectId: 'aad-direct-en', locale: 'en-GB' });
    expect(answer).to.include('This is not a supported CSP transaction (rule T2)');
    expect(answer).to.include("integrate with Microsoft's APIs");
    expect(answer).to.include('billing, support and managed services on an ongoing basis (rule T3)');
  });

  it('answers the Polish and Swedish words in the reader language (T2, T3)', async () => {
    const pl = await reply('bezpośrednio', { aadObjectId: 'aad-direct-pl', locale: 'pl-PL' });
    expect(pl).to.include('(zasada T3)').and.include('(zasada T2)');
    const sv = await reply('direkt', { aadObjectId: 'aad-direct-sv', locale: 'sv-SE' });
    expect(sv).to.include('(regel T3)').and.include('(regel T2)');
  });
});
