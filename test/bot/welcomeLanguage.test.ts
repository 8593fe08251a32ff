import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { translatorFor } from '../../i18n/i18n';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { cardSubmit, installed, message, postActivity, type TeamsUser } from '../support/drivers/teamsActivities';
import { startTestAssistant } from '../support/drivers/testAssistant';

type Json = Record<string, unknown>;

/** The welcome card speaks the install event's language, and asks for one when the event names none. */
describe("Teams: the welcome card in the installer's language", () => {
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

  async function reply(activity: unknown): Promise<Json> {
    const before = connector.received.length;
    expect(await postActivity(assistant.url, activity)).to.equal(200);
    await connector.waitFor(before + 1);
    return connector.received.at(-1)?.activity as Json;
  }
  /** Every button of the card, in the body's action sets and at its foot. */
  const buttonsOf = (activity: Json) => {
    const card = (activity.attachments as Array<{ content: { body: Json[]; actions?: Json[] } }>)[0].content;
    const inBody = card.body.flatMap((b) => (b.type === 'ActionSet' ? (b.actions as Json[]) : []));
    return [...inBody, ...(card.actions ?? [])] as Array<{ title: string; data: Json }>;
  };
  /** An install event without `locale`, as some clients send it. */
  const installedWithout = (user: TeamsUser, entities: Json[] = []) => {
    const event: Json = { ...installed(connector.url, user), entities };
    delete event.locale;
    return event;
  };

  it('welcomes in Polish when the install event names pl-PL only in its clientInfo entity', async () => {
    const user = { aadObjectId: 'aad-welcome-clientinfo' };
    const card = JSON.stringify(await reply(installedWithout(user, [{ type: 'clientInfo', locale: 'pl-PL' }])));
    expect(card).to.include(translatorFor('pl')('common:welcome.title'));
    expect(card).to.not.include('"verb":"language"');
  });

  it('offers English, Polski and Svenska as buttons when the install event names no language; Polski sets it', async () => {
    const user = { aadObjectId: 'aad-welcome-nolocale' };
    const languages = buttonsOf(await reply(installedWithout(user))).filter((a) => a.data.verb === 'language');
    expect(languages.map((a) => [a.title, a.data.language])).to.deep.equal([
      ['English', 'en'],
      ['Polski', 'pl'],
      ['Svenska', 'sv'],
    ]);
    const changed = await reply(
      Object.fromEntries(
        Object.entries(cardSubmit(connector.url, { verb: 'language', language: 'pl' }, user)).filter(
          ([k]) => k !== 'locale',
        ),
      ),
    );
    expect(changed.text).to.equal(translatorFor('pl')('common:language.changed'));
    const help = JSON.stringify(await reply({ ...message(connector.url, 'help', user), locale: 'en-US' }));
    expect(help, 'the choice outlasts the client locale').to.include(translatorFor('pl')('common:help.title'));
  });

  it('does not offer the buttons when the install event names a language', async () => {
    const card = JSON.stringify(
      await reply(installed(connector.url, { aadObjectId: 'aad-welcome-sv', locale: 'sv-SE' })),
    );
    expect(card).to.include(translatorFor('sv')('common:welcome.title')).and.not.include('"verb":"language"');
  });
});
