import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, REP } from '../support/drivers/contosoInSlack';
import { partneredAsAlreadyEnrolled } from '../support/drivers/partnerRoad';

/** The approver reads Slack in Swedish (its Slack locale): the App Home speaks it, not the reseller's Polish. */
const sv = catalog('sv');
const FABRIKAM = DEMO.resellerReady;
const DETAILS = 'readiness.reseller';

type Json = Record<string, unknown>;
type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string } };

/** The App Home's row for a reseller: the section whose Details button names its tenant. */
function rowOf(view: Json, tenantId: string): string {
  const row = (view.blocks as Block[]).find(
    (b) => b.type === 'section' && b.accessory?.action_id === DETAILS && b.accessory.value === tenantId,
  );
  expect(row, `no readiness row for ${tenantId} in ${JSON.stringify(view).slice(0, 800)}`).to.not.equal(undefined);
  return row?.text?.text ?? '';
}

/**
 * Issue 15 item 6 in the App Home, from an empty store over signed Slack requests: once Fabrikam IT authorises
 * Contoso, the approver's App Home is drawn again with it; the approver opens the app's Home tab and sees it not ready while Partner Center holds it suspended (R2), what
 * blocks it and the fix in a line; Details gives the answer of `/csp ready Fabrikam`; once the operator
 * lifts the suspension, the next opening shows Fabrikam ready to order.
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: the rep's App Home shows which resellers are ready to order and what blocks the others, from an empty store, on ${backend.name} (issue 15 item 6, R1, R2)`, () => {
    const world = journeyWorld(backend, 'T0JOURNEYHOME', {
      people: { [ADMIN]: { admin: true }, [APPROVER]: { locale: 'sv-SE' }, [REP]: {} },
      // The sandbox's Fabrikam is shared by every journey on the same store: never leave it held.
      leaveAsFound: () => world.operator('por', FABRIKAM.tenantId, 'clear'),
    });
    const piotr = { tenantId: FABRIKAM.tenantId, aadObjectId: 'aad-piotr-home', name: 'Piotr Nowak', locale: 'pl-PL' };

    it('partners Fabrikam with Contoso: set up and invited in Slack, already enrolled (E7), authorised in Teams (P3)', async () => {
      await partneredAsAlreadyEnrolled(world, { admin: ADMIN, approver: APPROVER }, piotr, {
        ...FABRIKAM,
        supportEmail: 'pomoc@fabrikam-it.pl',
      });
    });

    it('draws the approver’s App Home again once the partnership is authorised, without them opening it: Fabrikam listed, ready to order (P3)', async () => {
      const published = JSON.parse(
        await world.slackCalled(
          'views.publish',
          (json) => json.includes(`"user_id":"${APPROVER}"`) && json.includes(FABRIKAM.tenantId),
          'the approver’s App Home with Fabrikam',
        ),
      ) as { view: Json };
      expect(rowOf(published.view, FABRIKAM.tenantId)).to.equal(
        `✅ ${sv('ready:home.ready', { name: FABRIKAM.name })}`,
      );
    });

    it('opens the App Home while Partner Center holds Fabrikam suspended: not ready, the partner-of-record check blocking it, the fix in the rep’s words (R1, R2)', async function () {
      this.timeout(60_000);
      expect(await world.operator('por', FABRIKAM.tenantId, 'suspended')).to.include('suspended');
      const home = await world.slack.openHome(APPROVER);
      expect(JSON.stringify(home)).to.include(asJson(sv('ready:home.title')));
      const row = rowOf(home, FABRIKAM.tenantId);
      expect(row)
        .to.include(`⛔ ${sv('ready:home.notReady', { name: FABRIKAM.name, met: 5, total: 6 })}`)
        .and.include(
          `${sv('ready:condition.partner-of-record')} (R1, R2): ${sv('ready:fix.R2.reseller-suspended.distributor')}`,
        );
      expect(row).to.not.include(sv('ready:home.ready', { name: FABRIKAM.name }));
    });

    it('Details on the App Home gives the rep, alone, the same answer as /csp ready Fabrikam', async () => {
      const asked = JSON.parse(await world.slack.slashAnswer('ready Fabrikam', APPROVER)) as Json;
      const click = world.slack.buttonClick(DETAILS, FABRIKAM.tenantId, APPROVER, { from: 'home' });
      expect((await click.response).status).to.equal(200);
      const title = sv('ready:slack.title', { reseller: FABRIKAM.name });
      const sent = JSON.parse(
        await world.slackCalled(
          'chat.postMessage',
          (json) => json.includes(`"channel":"${APPROVER}"`) && json.includes(asJson(title)),
          'the readiness answer in the rep’s messages with the app',
        ),
      ) as Json;
      expect(sent.blocks).to.deep.equal(asked.blocks);
      expect(JSON.stringify(sent.blocks)).to.include(asJson(sv('ready:fix.R2.reseller-suspended.distributor')));
    });

    it('opens the App Home again once Partner Center lifts the suspension: Fabrikam is ready to order (R1)', async function () {
      this.timeout(60_000);
      expect(await world.operator('por', FABRIKAM.tenantId, 'clear')).to.include('cleared');
      const home = await world.slack.openHome(APPROVER);
      const row = rowOf(home, FABRIKAM.tenantId);
      expect(row).to.equal(`✅ ${sv('ready:home.ready', { name: FABRIKAM.name })}`);
      expect(JSON.stringify(home)).to.include(asJson(sv('ready:home.summaryAllReady', { count: 1 })));
    });
  });
