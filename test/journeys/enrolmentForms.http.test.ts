import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { assistantOverHttp } from '../support/drivers/journeySuite';
import { translatorFor } from '../../i18n/i18n';
import {
  errorsUnder,
  inputsOf,
  personIn,
  SLOW_VERIFICATION,
  storedDraft,
  TAILSPIN_ANSWERS,
  TeamsChat,
  tenantIds,
  textOf,
} from '../support/drivers/enrolmentChat';

const env = SLOW_VERIFICATION;
const newTenant = tenantIds('88888888-8888-4888-8888');

const LEGAL_PL = TAILSPIN_ANSWERS['legal-business-profile'];
const en = translatorFor('en');
/** What a person presses and types to fill every step, in order: the progress card's button, the inputs. */
const ANSWERS = Object.entries(TAILSPIN_ANSWERS).map(
  ([step, fields]) => [en(`enrolment:choice.${step}`), fields] as const,
);

describe('Teams: enrolment forms keep what was typed and answer every press once (E2, E3, E4)', () => {
  let now = new Date('2026-12-03T09:00:00Z');
  const world = assistantOverHttp({ env, clock: () => now });

  const chatOf = (name: string, tenantId = newTenant()) => personIn(world, name, tenantId);
  const draftOf = async (tenantId: string) =>
    (await storedDraft(world.assistant, tenantId))?.value as Record<string, unknown> | undefined;

  /** Opens the checklist and the step titled `choice` on it. */
  async function openStep(chat: TeamsChat, choice: string) {
    await chat.say('enroll');
    await chat.press(choice);
  }

  it('brings a refused step card back with every value typed and each reason under its field, all at once (E2, E4)', async () => {
    const chat = chatOf('Anna');
    await openStep(chat, 'Primary contact');
    await chat.press('Save', { contactName: '', contactEmail: 'anna@gmail.com', contactPhone: '+48 22 123 45 67' });

    const { card } = chat.lastCard();
    expect(inputsOf(card)).to.deep.equal({
      contactName: '',
      contactEmail: 'anna@gmail.com',
      contactPhone: '+48 22 123 45 67',
    });
    expect(errorsUnder(card, 'contactName').join()).to.include("Give the primary contact's name.");
    expect(errorsUnder(card, 'contactEmail').join()).to.include('web-based mail service (gmail.com) (rule E4)');
    expect(errorsUnder(card, 'contactPhone')).to.deep.equal([]);
    expect(JSON.stringify(card)).to.include('Nothing was saved');
    expect((await draftOf(chat.user.tenantId as string))?.primaryContact).to.equal(undefined);
  });

  it('keeps a whole legal business profile when only its country and city are wrong (E2)', async () => {
    const chat = chatOf('Piotr');
    await openStep(chat, 'Legal business profile');
    await chat.press('Save', { ...LEGAL_PL, city: ' ', country: 'Polska' });

    const { card } = chat.lastCard();
    expect(inputsOf(card)).to.include({ legalName: LEGAL_PL.legalName, line1: LEGAL_PL.line1, postalCode: '00-001' });
    expect(inputsOf(card).country).to.equal('Polska');
    expect(errorsUnder(card, 'country').join()).to.include('two-letter');
    expect(errorsUnder(card, 'city').join()).to.include('Give the city.');
    expect(errorsUnder(card, 'legalName')).to.deep.equal([]);
  });

  it('marks the required inputs so Teams asks for them before sending the card', async () => {
    const chat = chatOf('Required');
    await openStep(chat, 'Legal business profile');
    const required = JSON.stringify(chat.lastCard().card);
    for (const id of ['legalName', 'line1', 'city', 'country']) {
      expect(required).to.match(new RegExp(`"id":"${id}"[^}]*"isRequired":true`));
    }
    expect(required).to.match(/"id":"line2"[^}]*"isRequired":false/);
  });

  it('refuses at the MPN step an PartnerID registered in another country than the legal profile, naming that step with a button to it (E3)', async () => {
    const chat = chatOf('Ewa');
    await openStep(chat, 'Legal business profile');
    await chat.press('Save', LEGAL_PL);
    await chat.press('PartnerID');
    await chat.press('Save', { mpnId: DEMO.resellerOtherRegion.mpnId });

    const { card } = chat.lastCard();
    expect(inputsOf(card).mpnId).to.equal(DEMO.resellerOtherRegion.mpnId);
    expect(errorsUnder(card, 'mpnId').join()).to.include(
      'is registered in BR, but your Azure AD tenant is in PL (rule E3)',
    );
    expect(JSON.stringify(card)).to.include('contradicts what was saved at the step “Legal business profile”');
    expect((await draftOf(chat.user.tenantId as string))?.mpnId).to.equal(undefined);

    const opened = textOf(await chat.press('Open “Legal business profile”'));
    expect(opened).to.include('Legal business profile (E2)');
    expect(inputsOf(chat.lastCard().card).country).to.equal('PL');
  });

  it('refuses a legal profile whose country contradicts the saved PartnerID, naming the MPN step with a button to it (E3)', async () => {
    const chat = chatOf('Jan');
    await openStep(chat, 'PartnerID');
    await chat.press('Save', { mpnId: DEMO.mpnOnly.mpnId });
    await chat.press('Legal business profile');
    await chat.press('Save', { ...LEGAL_PL, country: 'se' });

    const { card } = chat.lastCard();
    expect(inputsOf(card)).to.include({ legalName: LEGAL_PL.legalName, country: 'se' });
    expect(errorsUnder(card, 'country').join()).to.include(
      'registered in PL, but your Azure AD tenant is in SE (rule E3)',
    );
    expect(textOf(await chat.press('Open “PartnerID”'))).to.include('PartnerID (E2, E3)');
  });

  it('says the Global admin is what is missing when the work account is ticked without it (E2)', async () => {
    const chat = chatOf('Admin');
    await openStep(chat, 'Work account and Global admin');
    await chat.press('Save', { hasWorkAccount: 'true', globalAdmin: 'false' });
    const { card } = chat.lastCard();
    expect(errorsUnder(card, 'globalAdmin').join()).to.include(
      'Global admin credentials of the work account (rule E2)',
    );
    expect(JSON.stringify(card)).to.not.include('There is no work account yet');
    expect(inputsOf(card)).to.deep.equal({ hasWorkAccount: 'true', globalAdmin: 'false' });
  });

  it('says there is no work account yet when the work account is not ticked (E2)', async () => {
    const chat = chatOf('NoAccount');
    await openStep(chat, 'Work account and Global admin');
    await chat.press('Save', { hasWorkAccount: 'false', globalAdmin: 'false' });
    expect(errorsUnder(chat.lastCard().card, 'hasWorkAccount').join()).to.include(
      'There is no work account yet (rule E2)',
    );
  });

  it('answers a double click on Enrol now once: one submission, one answer (E5)', async () => {
    const chat = chatOf('Double');
    await chat.say('enroll');
    for (const [choice, fields] of ANSWERS) {
      await chat.press(choice);
      await chat.press('Save', fields);
    }
    const progress = chat.lastCard();
    const first = chat.submission(progress, 'Enrol now');
    const second = chat.submission(progress, 'Enrol now');
    expect(first.id).to.not.equal(second.id);

    const before = world.connector.received.length;
    await Promise.all([chat.send(first, 0), chat.send(second, 0)]);
    const answers = world.connector.received.slice(before);
    expect(answers).to.have.length(1);
    expect(textOf(answers)).to.include('Your enrolment has been submitted');

    // Pressed again right after it was answered: still the same press.
    expect(await chat.send(chat.submission(progress, 'Enrol now'), 0)).to.have.length(0);

    // A press long after is a new one, and is answered: the enrolment is already with Microsoft.
    now = new Date(now.getTime() + 60_000);
    const later = textOf(await chat.send(chat.submission(progress, 'Enrol now')));
    expect(later).to.include('already been submitted');
  });

  it('answers the same Save pressed twice at once with one answer', async () => {
    const chat = chatOf('Twice');
    await openStep(chat, 'PartnerID');
    const card = chat.lastCard();
    const press = () => chat.submission(card, 'Save', { mpnId: DEMO.mpnOnly.mpnId });
    const before = world.connector.received.length;
    await Promise.all([chat.send(press(), 0), chat.send(press(), 0)]);
    expect(world.connector.received.slice(before)).to.have.length(1);
    expect(textOf(world.connector.received.slice(before))).to.include('Your PartnerID: done (E2)');
  });

  it('says a step card saved since it was shown is out of date, changes nothing, and shows the checklist instead of reopening the step', async () => {
    const chat = chatOf('Stale');
    await openStep(chat, 'PartnerID');
    const stepCard = chat.lastCard();
    await chat.send(chat.submission(stepCard, 'Save', { mpnId: DEMO.mpnOnly.mpnId }));

    const reply = textOf(await chat.send(chat.submission(stepCard, 'Save', { mpnId: '1111111' })));
    expect(reply).to.include('That card is out of date');
    expect(reply).to.include('Your enrolment as an indirect reseller');
    expect(reply).to.not.include('"id":"mpnId"');
    expect((await draftOf(chat.user.tenantId as string))?.mpnId).to.equal(DEMO.mpnOnly.mpnId);
  });

  it('says a step card a colleague saved meanwhile is out of date, keeps the colleague answer, and shows the step as it is now', async () => {
    const tenantId = newTenant();
    const anna = chatOf('Anna', tenantId);
    const piotr = chatOf('Piotr', tenantId);
    await openStep(anna, 'Primary contact');
    await openStep(piotr, 'Primary contact');
    await piotr.press('Save', { contactName: 'Piotr Wiśniewski', contactEmail: 'piotr@tailspintoys.pl' });

    const reply = textOf(await anna.press('Save', { contactName: 'Anna Nowak', contactEmail: 'anna@tailspintoys.pl' }));
    expect(reply).to.include('That card is out of date');
    expect(reply).to.include('Piotr');
    expect(inputsOf(anna.lastCard().card).contactEmail).to.equal('piotr@tailspintoys.pl');
    const draft = await draftOf(tenantId);
    expect(draft?.primaryContact).to.deep.include({ email: 'piotr@tailspintoys.pl' });
  });

  it('saves a current step card sent while the checklist is shown, as if its step were open', async () => {
    const chat = chatOf('Back');
    await openStep(chat, 'PartnerID');
    const stepCard = chat.lastCard();
    await chat.press('Back to the list');
    const reply = textOf(await chat.send(chat.submission(stepCard, 'Save', { mpnId: DEMO.mpnOnly.mpnId })));
    expect(reply).to.include('Your PartnerID: done (E2)');
  });
});
