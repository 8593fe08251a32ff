import { expect } from 'chai';
import sinon from 'sinon';
import { BENCH_METRICS_TOKEN } from '../../../bench/benchFeature';
import { operationsPerTurn, readStoreOperations } from '../../../bench/storeOperations';
import { translatorFor } from '../../../i18n/i18n';
import {
  personIn,
  storedDraft,
  TAILSPIN_ANSWERS,
  type TeamsChat,
  tenantIds,
} from '../../support/drivers/enrolmentChat';
import { assistantOverHttp } from '../../support/drivers/journeySuite';
import { JOURNEY_BACKENDS } from '../../support/drivers/journeyWorld';
import { postActivity } from '../../support/drivers/teamsActivities';
import { LogCapture } from '../../support/drivers/testAssistant';

const en = translatorFor('en');
const newTenant = tenantIds('77777777-7777-4777-8777');
const CONTACT = TAILSPIN_ANSWERS['primary-contact'];
const PRIMARY_CONTACT = en('enrolment:choice.primary-contact');

/**
 * A step of the enrolment checklist as a person walks it, over HTTP: the progress card's button, then the
 * step card's Save (E2, E4). Each turn reads the conversation's state, the organisation's draft and the
 * person's press record in one trip before it runs, and writes its state, the draft and the press's claim
 * in one commit at its end, its replies held until then (issue 18: it made two reads and two or three
 * writes, one after another). Counted on the assistant's own /metrics, as the bench counts them; a double
 * click, a delivery Teams sends again and a colleague saving at the same moment still get one answer each.
 */
for (const backend of JOURNEY_BACKENDS) {
  describe(`Teams: an enrolment step commits once a turn, on ${backend.name} (issue 18, E2, E4)`, () => {
    const logs = new LogCapture();
    const world = assistantOverHttp({ backend, logs, env: { METRICS_TOKEN: BENCH_METRICS_TOKEN } });
    const chatOf = (name: string, tenantId = newTenant()) => personIn(world, name, tenantId);
    const draftOf = async (tenantId: string) => (await storedDraft(world.assistant, tenantId))?.value;
    /** What the connector received in `chat`'s conversation since `since` (an index into everything received). */
    const answersTo = (chat: TeamsChat, since: number) =>
      world.connector.received.slice(since).filter((r) => r.conversationId === `a:personal-${chat.user.aadObjectId}`);

    it('reads the store once and writes it once for each press, and keeps what was typed', async () => {
      const tenantId = newTenant();
      const chat = chatOf('Anna', tenantId);
      await chat.say('enroll');
      const before = await readStoreOperations(world.assistant.port);
      const steps = 5;
      for (let i = 0; i < steps; i++) {
        await chat.press(PRIMARY_CONTACT);
        await chat.press('Save', CONTACT);
      }
      const perTurn = operationsPerTurn(before, await readStoreOperations(world.assistant.port), 2 * steps);
      // A tenth of an operation a turn is left for the assistant's own clock-driven work during the test.
      const reads = (perTurn.read ?? 0) + (perTurn.readMany ?? 0);
      const writes = (perTurn.compareAndSet ?? 0) + (perTurn.commitAll ?? 0);
      expect(reads, JSON.stringify(perTurn)).to.be.at.most(1.1);
      expect(writes, JSON.stringify(perTurn)).to.be.at.most(1.1);
      expect((await draftOf(tenantId))?.primaryContact?.email).to.equal(CONTACT.contactEmail);
    });

    it('answers Save clicked twice at once one time, and saves it once', async () => {
      const tenantId = newTenant();
      const chat = chatOf('Piotr', tenantId);
      await chat.say('enroll');
      await chat.press(PRIMARY_CONTACT);
      const save = chat.submission(chat.lastCard(), 'Save', CONTACT);
      const since = world.connector.received.length;
      // Two activities (two ids) with the same card and data, as Teams sends a double click.
      const statuses = await Promise.all([
        postActivity(world.assistant.url, save),
        postActivity(world.assistant.url, { ...save, id: `${save.id}-again` }),
      ]);
      expect(statuses).to.deep.equal([200, 200]);
      expect(answersTo(chat, since)).to.have.length(1);
      const draft = await storedDraft(world.assistant, tenantId);
      expect(draft?.value.primaryContact?.email).to.equal(CONTACT.contactEmail);
      // Its first save: a second one landing too would have made it version 2.
      expect(draft?.version).to.equal(1);
    });

    it('answers a Save Teams sends again (the same activity) one time', async () => {
      const chat = chatOf('Ewa');
      await chat.say('enroll');
      await chat.press(PRIMARY_CONTACT);
      const save = chat.submission(chat.lastCard(), 'Save', CONTACT);
      const since = world.connector.received.length;
      expect(await postActivity(world.assistant.url, save)).to.equal(200);
      expect(await postActivity(world.assistant.url, save)).to.equal(200);
      expect(answersTo(chat, since)).to.have.length(1);
      expect(logs.text()).to.include('dropped a card press answered already');
    });

    it('keeps both answers of two colleagues saving steps of the same checklist at the same moment', async () => {
      const tenantId = newTenant();
      const anna = chatOf('Anna', tenantId);
      const jan = chatOf('Jan', tenantId);
      for (const chat of [anna, jan]) await chat.say('enroll');
      await anna.press(PRIMARY_CONTACT);
      await jan.press(en('enrolment:choice.legal-business-profile'));
      const since = world.connector.received.length;
      await Promise.all([
        postActivity(world.assistant.url, anna.submission(anna.lastCard(), 'Save', CONTACT)),
        postActivity(
          world.assistant.url,
          jan.submission(jan.lastCard(), 'Save', TAILSPIN_ANSWERS['legal-business-profile']),
        ),
      ]);
      expect(answersTo(anna, since)).to.have.length(1);
      expect(answersTo(jan, since)).to.have.length(1);
      const draft = await draftOf(tenantId);
      expect(draft?.primaryContact?.email).to.equal(CONTACT.contactEmail);
      expect(draft?.legalName).to.equal(TAILSPIN_ANSWERS['legal-business-profile'].legalName);
      expect(Object.keys(draft?.answeredBy ?? {})).to.include.members(['primary-contact', 'legal-business-profile']);
    });

    it('runs a turn whose commit found a record moved on again, the ordinary way: one answer, the answer kept', async () => {
      const tenantId = newTenant();
      const chat = chatOf('Ola', tenantId);
      await chat.say('enroll');
      await chat.press(PRIMARY_CONTACT);
      const records = world.assistant.store.records;
      const commit = sinon.stub(records, 'commitAll').callThrough();
      // As when a colleague's save lands between this turn's read and its commit.
      commit.onFirstCall().resolves(false);
      try {
        const since = world.connector.received.length;
        expect(await postActivity(world.assistant.url, chat.submission(chat.lastCard(), 'Save', CONTACT))).to.equal(
          200,
        );
        const answers = answersTo(chat, since);
        expect(answers).to.have.length(1);
        expect(JSON.stringify(answers[0].activity.attachments)).to.include(en('enrolment:progress.title'));
      } finally {
        commit.restore();
      }
      expect((await draftOf(tenantId))?.primaryContact?.email).to.equal(CONTACT.contactEmail);
      expect(logs.text()).to.include('the turn runs again, the ordinary way');
    });
  });
}
