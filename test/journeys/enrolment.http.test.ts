import { expect } from 'chai';
import { cardSubmit, message, postActivity, type TeamsUser } from '../support/drivers/teamsActivities';
import { storeBackends, TEST_REDIS_DB } from '../support/drivers/testAssistant';
import { assistantOverHttp } from '../support/drivers/journeySuite';
import { SLOW_VERIFICATION, TAILSPIN_ANSWERS, tenantIds } from '../support/drivers/enrolmentChat';

const env = SLOW_VERIFICATION;
const newTenant = tenantIds('99999999-9999-4999-8999');

const ANSWERS = TAILSPIN_ANSWERS;

/**
 * The same journey on each store. On Redis every test starts from an empty database (the run's
 * TEST_REDIS_DB, flushed first), as every SQLite test gets a fresh data directory.
 */
const backends = storeBackends(TEST_REDIS_DB);

for (const backend of backends)
  describe(`Teams: the reseller enrols step by step (E2–E7), on ${backend.name}`, () => {
    const world = assistantOverHttp({ env, backend, eachTest: true });

    /** Sends one activity and returns the text of what the bot answered to it. */
    async function send(activity: unknown): Promise<string> {
      const before = world.connector.received.length;
      expect(await postActivity(world.assistant.url, activity)).to.equal(200);
      await world.connector.waitFor(before + 1);
      return world.connector.received
        .slice(before)
        .map((r) => JSON.stringify(r.activity))
        .join('\n');
    }
    const say = (text: string, user: TeamsUser) => send(message(world.connector.url, text, user));
    const pick = (step: string, user: TeamsUser) =>
      send(cardSubmit(world.connector.url, { verb: 'continue', step }, user));
    const answer = (step: string, fields: Record<string, string>, user: TeamsUser) =>
      send(cardSubmit(world.connector.url, { verb: 'continue', step, enrolmentAction: 'answer', ...fields }, user));

    async function answerStep(step: keyof typeof ANSWERS, user: TeamsUser): Promise<string> {
      expect(await pick(step, user)).to.include('Save');
      return answer(step, ANSWERS[step], user);
    }

    it('walks a new reseller from enroll to a submitted enrolment, saying what happens next (E5)', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-anna' };
      const first = await say('enroll', user);
      expect(first).to.include('Your enrolment as an indirect reseller');
      expect(first).to.include('Your PartnerID: to do (E2)');
      expect(first).to.not.include('Enrol now');
      for (const step of Object.keys(ANSWERS) as Array<keyof typeof ANSWERS>) {
        expect(await answerStep(step, user)).to.include('Your enrolment as an indirect reseller');
      }
      const ready = world.connector.cards().at(-1) ?? '';
      expect(ready).to.include('Enrol now');
      expect(ready).to.include('MPN profile in the same country as your tenant: done (E3)');

      const submitted = await pick('submit', user);
      expect(submitted).to.include('Your enrolment has been submitted');
      expect(submitted).to.include('anna.nowak@tailspintoys.pl');
      expect(submitted).to.include('3 to 5 business days');
      const draft = await world.assistant.store.records.read<{ status: { enrolment: string } }>(
        `partner:${user.tenantId}`,
      );
      expect(draft?.value.status.enrolment).to.equal('submitted');
    });

    it('refuses a primary contact on gmail.com with why, and asks again (E4)', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-gmail' };
      await say('enroll', user);
      await pick('primary-contact', user);
      const reply = await answer('primary-contact', { contactName: 'Anna', contactEmail: 'anna@gmail.com' }, user);
      expect(reply).to.include('web-based mail service (gmail.com) (rule E4)');
      expect(reply).to.include('Primary contact (E2, E4)');
      const draft = await world.assistant.store.records.read<{ primaryContact?: unknown }>(`partner:${user.tenantId}`);
      expect(draft?.value.primaryContact).to.equal(undefined);
    });

    it('refuses a legal business country that differs from the MPN profile country (E3)', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-e3' };
      await say('enroll', user);
      await answerStep('mpn-id', user);
      await pick('legal-business-profile', user);
      const reply = await answer(
        'legal-business-profile',
        { ...ANSWERS['legal-business-profile'], country: 'SE' },
        user,
      );
      expect(reply).to.include('PartnerID 6789012 is registered in PL, but your Azure AD tenant is in SE (rule E3)');
    });

    it('asks a partner already enrolled in CSP for its PartnerID, its country and its support contact (E7)', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-e7' };
      await say('enrol', user);
      const card = await pick('already-enrolled', user);
      expect(card).to.include('Already enrolled in CSP (E7)');
      expect(card).to.include('PartnerID (PLA ID, formerly MPN ID)').and.include('Country of your legal business');
      const done = await answer(
        'already-enrolled',
        { mpnId: '2345678', country: 'PL', supportEmail: '', supportPhone: '+48 22 123 45 67', supportUrl: '' },
        user,
      );
      expect(done).to.include('that is all your reseller account needs (rule E7)');
      expect(done).to.include('Customer-support contact details: done (E7)');
      expect(done).to.include('Your PartnerID: not needed (E7)');
    });

    it('answers a malformed submission with what is wrong, saves nothing, and shows the same card', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-malformed' };
      await say('enroll', user);
      await pick('mpn-id', user);
      const reply = await answer('mpn-id', { mpnId: 'not-a-number' }, user);
      expect(reply).to.include('Nothing was saved');
      expect(reply).to.include('That is not a valid PartnerID');
      expect(reply).to.include('PartnerID (E2, E3)');
      expect(await world.assistant.store.records.read(`partner:${user.tenantId}`)).to.equal(undefined);
    });

    it('answers typed text during a card step with a hint and the card again', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-typed' };
      await say('enroll', user);
      await pick('mpn-id', user);
      const reply = await say('6789012', user);
      expect(reply).to.include('Please answer with the card above');
      expect(reply).to.include('PartnerID (E2, E3)');
    });

    it('lets two colleagues of one tenant answer different steps at the same time, keeping both', async () => {
      const tenantId = newTenant();
      const anna = { tenantId, aadObjectId: 'aad-anna-c', name: 'Anna Nowak' };
      const piotr = { tenantId, aadObjectId: 'aad-piotr-c', name: 'Piotr Wiśniewski' };
      await say('enroll', anna);
      await say('enroll', piotr);
      await pick('primary-contact', anna);
      await pick('support-contact', piotr);
      const before = world.connector.received.length;
      const statuses = await Promise.all([
        postActivity(
          world.assistant.url,
          cardSubmit(
            world.connector.url,
            { verb: 'continue', step: 'primary-contact', enrolmentAction: 'answer', ...ANSWERS['primary-contact'] },
            anna,
          ),
        ),
        postActivity(
          world.assistant.url,
          cardSubmit(
            world.connector.url,
            { verb: 'continue', step: 'support-contact', enrolmentAction: 'answer', ...ANSWERS['support-contact'] },
            piotr,
          ),
        ),
      ]);
      expect(statuses).to.deep.equal([200, 200]);
      await world.connector.waitFor(before + 2);
      const draft = await world.assistant.store.records.read<{
        primaryContact?: { email: string };
        supportContact?: { email: string };
      }>(`partner:${tenantId}`);
      expect(draft?.value.primaryContact?.email).to.equal('anna.nowak@tailspintoys.pl');
      expect(draft?.value.supportContact?.email).to.equal('pomoc@tailspintoys.pl');
      const seen = await say('continue', { ...anna, conversationId: 'a:anna-other-device' });
      expect(seen).to.include('Primary contact: Anna Nowak');
      expect(seen).to.include('Customer-support contact: Piotr Wiśniewski');
    });

    it('shows a pending verification in plain words, what to do now and how long it takes (E5)', async () => {
      const user = { tenantId: newTenant(), aadObjectId: 'aad-status' };
      const before = await say('status', user);
      expect(before).to.include('not enrolled as an indirect reseller yet');
      // M5: the answer says why an MPN membership is not enough, and in what order to go on.
      expect(before).to.include('An MPN membership is not a CSP enrolment (rule M5)');
      await say('enroll', user);
      for (const step of Object.keys(ANSWERS) as Array<keyof typeof ANSWERS>) await answerStep(step, user);
      await pick('submit', user);
      const status = await say('status', user);
      expect(status).to.include('In progress at Microsoft');
      expect(status).to.include('waiting for your primary contact to confirm');
      expect(status).to.include('resend the verification email');
      expect(status).to.include('3 to 5 business days');
      expect(status).to.include('Not signed yet');
      expect(status).to.include('(rule M3)');
    });

    it('resumes after a restart on the same data, from another person of the tenant', async () => {
      const tenantId = newTenant();
      await say('enroll', { tenantId, aadObjectId: 'aad-before' });
      await answerStep('mpn-id', { tenantId, aadObjectId: 'aad-before', name: 'Anna Nowak' });
      await world.restart();
      const resumed = await say('continue', { tenantId, aadObjectId: 'aad-after' });
      expect(resumed).to.include('Your PartnerID: done (E2)');
      expect(resumed).to.include('PartnerID: Anna Nowak');
      const sameUser = await say('continue', { tenantId, aadObjectId: 'aad-before' });
      expect(sameUser).to.include('Your PartnerID: done (E2)');
    });
  });
