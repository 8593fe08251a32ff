import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { assistantOverHttp } from '../support/drivers/journeySuite';
import { SLOW_VERIFICATION, TeamsChat, textOf } from '../support/drivers/enrolmentChat';

const env = SLOW_VERIFICATION;

/** What a person types while the checklist is open, in each language's words. */
const COMMANDS: Array<[language: string, typed: string]> = [
  ['en-US', 'status'],
  ['en-US', 'help'],
  ['en-US', 'providers'],
  ['en-US', 'language'],
  ['en-US', 'customers'],
  ['en-US', 'invitation NOT-A-CODE'],
  ['pl-PL', 'status'],
  ['pl-PL', 'pomoc'],
  ['pl-PL', 'dostawcy'],
  ['pl-PL', 'język'],
  ['pl-PL', 'klienci'],
  ['pl-PL', 'zaproszenie NIE-KOD'],
  ['sv-SE', 'hjälp'],
  ['sv-SE', 'leverantörer'],
  ['sv-SE', 'språk'],
  ['sv-SE', 'kunder'],
  ['sv-SE', 'inbjudan INTE-KOD'],
];

/** Text that only the checklist itself writes: its hints, its cards. */
const CHECKLIST_LINES = [
  /Please answer with the card above/,
  /Odpowiedz na karcie/,
  /Svara med kortet/,
  /"id":"mpnId"/,
];

describe('Teams: commands answer from anywhere while the checklist is open, and the checklist waits', () => {
  const world = assistantOverHttp({ env });
  let sequence = 0;

  const chat = (locale: string, tenantId: string) => {
    sequence += 1;
    return new TeamsChat(world.assistant, world.connector, {
      tenantId,
      aadObjectId: `aad-anywhere-${sequence}`,
      locale,
    });
  };
  /** Answers with ids and times left out, so two answers to the same question compare equal. */
  const comparable = (text: string) =>
    text
      .replace(/"(id|timestamp|localTimestamp|replyToId|conversation|recipient|from)":("[^"]*"|\{[^}]*\})/g, '')
      .replace(/aad-anywhere-\d+/g, '');

  for (const [locale, typed] of COMMANDS) {
    it(`answers "${typed}" (${locale}) inside the checklist as outside it, then the step card still saves`, async () => {
      const tenantId = `77777777-7777-4777-8777-${String(sequence + 1).padStart(12, '0')}`;
      const outside = chat(locale, tenantId);
      const expected = textOf(await outside.say(typed));

      const inside = chat(locale, tenantId);
      await inside.say('enroll');
      await inside.press(
        locale === 'en-US' ? 'PartnerID' : locale === 'pl-PL' ? 'Identyfikator PartnerID' : 'PartnerID',
      );
      const stepCard = inside.lastCard();
      const answer = textOf(await inside.say(typed));
      for (const line of CHECKLIST_LINES) expect(answer).to.not.match(line);
      expect(comparable(answer)).to.equal(comparable(expected));

      const saveTitle = locale === 'en-US' ? 'Save' : locale === 'pl-PL' ? 'Zapisz' : 'Spara';
      const saved = textOf(await inside.send(inside.submission(stepCard, saveTitle, { mpnId: DEMO.mpnOnly.mpnId })));
      expect(saved).to.include('✅');
      const draft = await world.assistant.store.records.read<{ mpnId?: string }>(`partner:${tenantId}`);
      expect(draft?.value.mpnId).to.equal(DEMO.mpnOnly.mpnId);
    });
  }

  it('stops the checklist on cancel, keeping what was saved', async () => {
    const inside = chat('en-US', '77777777-7777-4777-8777-999999999999');
    await inside.say('enroll');
    await inside.press('PartnerID');
    expect(textOf(await inside.say('cancel'))).to.include('Stopped. Nothing you had already saved is lost.');
    expect(textOf(await inside.say('cancel'))).to.include('There is nothing to stop right now.');
  });

  it('says after verification that verification is done, not "not started" (E5)', async () => {
    const verified = chat('en-US', DEMO.resellerReady.tenantId);
    const status = textOf(await verified.say('status'));
    expect(status).to.include('Verified: your account is ready');
    expect(status).to.include('verification done');
    expect(status).to.not.include('not started');
  });
});
