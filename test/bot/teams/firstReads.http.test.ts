import { expect } from 'chai';
import { BENCH_METRICS_TOKEN } from '../../../bench/benchFeature';
import { operationsPerTurn, readStoreOperations } from '../../../bench/storeOperations';
import { translatorFor } from '../../../i18n/i18n';
import { partnerRecordKey } from '../../../services/partners/partnerDirectory';
import { TAILSPIN_ANSWERS, TeamsChat, tenantIds } from '../../support/drivers/enrolmentChat';
import { assistantOverHttp } from '../../support/drivers/journeySuite';
import { JOURNEY_BACKENDS } from '../../support/drivers/journeyWorld';

const en = translatorFor('en');
const newTenant = tenantIds('77777777-7777-4777-8777');

/**
 * A step of the enrolment checklist as a person walks it, over HTTP: the progress card's button, then the
 * step card's Save. Each turn reads the conversation's state and the organisation's draft; the edge reads
 * both in one trip before the turn runs (issue 18: one store read a state turn; it was two, one after the
 * other). Counted on the assistant's own /metrics, as the bench counts them.
 */
for (const backend of JOURNEY_BACKENDS) {
  describe(`Teams: an enrolment step reads the store once a turn, on ${backend.name} (issue 18)`, () => {
    const world = assistantOverHttp({ backend, env: { METRICS_TOKEN: BENCH_METRICS_TOKEN } });

    it('reads the state and the draft in one trip for each press, and saves what was typed', async () => {
      const tenantId = newTenant();
      const chat = new TeamsChat(world.assistant, world.connector, {
        tenantId,
        aadObjectId: 'aad-anna-reads',
        name: 'Anna',
      });
      await chat.say('enroll');
      const before = await readStoreOperations(world.assistant.port);
      const steps = 5;
      for (let i = 0; i < steps; i++) {
        await chat.press(en('enrolment:choice.primary-contact'));
        await chat.press('Save', TAILSPIN_ANSWERS['primary-contact']);
      }
      const perTurn = operationsPerTurn(before, await readStoreOperations(world.assistant.port), 2 * steps);
      // A tenth of a read a turn is left for the assistant's own clock-driven work during the test.
      expect((perTurn.read ?? 0) + (perTurn.readMany ?? 0), JSON.stringify(perTurn)).to.be.at.most(1.1);
      const draft = await world.assistant.store.records.read<{ primaryContact?: { email?: string } }>(
        partnerRecordKey(tenantId),
      );
      expect(draft?.value.primaryContact?.email).to.equal(TAILSPIN_ANSWERS['primary-contact'].contactEmail);
    });
  });
}
