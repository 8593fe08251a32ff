import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { type Language, SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { message, postActivity, type TeamsUser } from '../support/drivers/teamsActivities';
import { startTestAssistant } from '../support/drivers/testAssistant';

const LOCALES: Record<Language, string> = { en: 'en-GB', pl: 'pl-PL', sv: 'sv-SE' };

/** Each listed command's catalog key for its word, as the help card shows them (issue 7). */
const WORDS = {
  help: 'common:words.help',
  language: 'common:words.language',
  cancel: 'common:words.cancel',
  enroll: 'enrolment:words.enroll',
  continue: 'enrolment:words.continue',
  status: 'enrolment:words.status',
  invitation: 'partnerships:teams.words.invitation',
  providers: 'partnerships:teams.words.providers',
  end: 'partnerships:teams.words.end',
  customers: 'customers:teams.words.customers',
  requests: 'customers:teams.words.requests',
  gdap: 'gdap:teams.words.gdap',
  ready: 'ready:words.ready',
  direct: 'partnerships:teams.words.direct',
  reauthorisation: 'reauthorisation:teams.words.reauthorisation',
};

describe('Teams command words: the help card speaks the reader language, every language runs the command', () => {
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
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  for (const language of SUPPORTED_LANGUAGES) {
    it(`lists every command by its ${language} word on the ${language} help card`, async () => {
      const t = translatorFor(language);
      const user = { aadObjectId: `aad-words-${language}`, locale: LOCALES[language] };
      const card = JSON.parse(await reply(t('common:words.help'), user)).attachments[0].content;
      const facts = card.body.find((b: { type: string }) => b.type === 'FactSet').facts as Array<{ title: string }>;
      expect(facts.map((f) => f.title)).to.deep.equal(Object.values(WORDS).map((key) => t(key)));
    });
  }

  it('lists how to open an invitation by its code, in the reader language (invitation [code], zaproszenie [kod])', async () => {
    for (const [language, line] of [
      ['en', 'invitation [code]'],
      ['pl', 'zaproszenie [kod]'],
      ['sv', 'inbjudan [kod]'],
    ] as const) {
      const card = await reply('help', { aadObjectId: `aad-words-invitation-${language}`, locale: LOCALES[language] });
      expect(card, language).to.include(line);
      // Teams shows text in angle brackets as markup, that is not at all: "gotowość <domena klienta>" read "gotowość ".
      expect(card, language).to.not.match(/<[^>\n]*>/);
    }
  });

  it('shows Polish words, not English ones, to a Polish reader (pomoc, dystrybutorzy, klienci; N1)', async () => {
    const card = await reply('help', { aadObjectId: 'aad-words-pl-en', locale: 'pl-PL' });
    for (const word of ['"pomoc"', '"rejestracja"', '"dystrybutorzy"', '"klienci"', '"zakończ"'])
      expect(card).to.include(word);
    for (const word of ['"help"', '"enroll"', '"distributors"', '"customers"', '"end"', '"dostawcy"'])
      expect(card).to.not.include(word);
  });

  it('runs a command by its word in any language, whatever the reader language, and English everywhere', async () => {
    const verbs = assistant.bot.knownVerbs().submit;
    for (const key of Object.values(WORDS)) {
      for (const language of SUPPORTED_LANGUAGES) expect(verbs).to.include(translatorFor(language)(key).toLowerCase());
    }
    const swede = { aadObjectId: 'aad-words-sv', locale: 'sv-SE' };
    const title = translatorFor('sv')('partnerships:teams.providers.title');
    // N1: today's word in each language, and the words for "indirect provider" people already learnt.
    const words = ['distributors', 'dystrybutorzy', 'distributörer', 'distributorer'];
    for (const word of [...words, 'providers', 'leverantörer', 'leverantorer', 'dostawcy']) {
      expect(await reply(word, swede), word).to.include(title);
    }
  });

  it('answers direct: why a reseller cannot buy from Microsoft directly, and what a direct-bill partner must do (T2, T3)', async () => {
    const answer = await reply('direct', { aadObjectId: 'aad-direct-en', locale: 'en-GB' });
    expect(answer).to.include('This is not a supported CSP transaction (rule T2)');
    expect(answer).to.include("integrate with Microsoft's APIs");
    expect(answer).to.include('billing, support and managed services on an ongoing basis (rule T3)');
    expect(await reply('bezpośrednio', { aadObjectId: 'aad-direct-pl', locale: 'pl-PL' })).to.include('(zasada T3)');
    expect(await reply('direkt', { aadObjectId: 'aad-direct-sv', locale: 'sv-SE' })).to.include('(regel T3)');
  });
});
