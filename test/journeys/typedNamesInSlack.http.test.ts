import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, CHANNEL, REP } from '../support/drivers/contosoInSlack';
import {
  acceptInPartnerCenter,
  approvedInSlack,
  authorise,
  confirmedOnCheckNow,
  enrol,
  inviteReseller,
  mpaSignedInPartnerCenter,
  requestCustomer,
  STANDARD,
  TAILSPIN_PROFILE,
  verifiedByPartnerCenter,
} from '../support/drivers/resellerRoad';
import { inMrkdwn, slackTextsOf } from '../support/drivers/slackTexts';
import { inTeamsMarkdown } from '../support/drivers/teamsTexts';

const en = catalog('en');

/** What the reseller typed as its legal name at enrolment, and the customer's name its person typed. */
const RESELLER = 'Smith & Sons <EU>';
const CUSTOMER = 'Kowalski & Córka <PL>';

/**
 * The name reads as typed wherever Slack shows it: in mrkdwn escaped once (Slack would otherwise take
 * `<EU>` for a link and drop it, and `&` for an entity), in plain_text as it is.
 */
function expectReadAsTyped(payload: unknown, name: string, where: { mrkdwn?: boolean; plain?: boolean }) {
  const texts = slackTextsOf(payload);
  const [mrkdwn, plain] = [texts.mrkdwn.join('\n'), texts.plain.join('\n')];
  if (where.mrkdwn) expect(mrkdwn, 'in mrkdwn').to.include(inMrkdwn(name));
  if (where.plain) expect(plain, 'in plain_text').to.include(name);
  expect(mrkdwn, 'raw in mrkdwn').to.not.include(name);
  expect(plain, 'escaped in plain_text').to.not.include(inMrkdwn(name));
  expect(`${mrkdwn}\n${plain}`, 'escaped twice').to.not.include('&amp;amp;').and.not.include('&amp;lt;');
}

const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

/**
 * A reseller and a customer named with Slack's markup characters, from an empty store through signed
 * Slack requests and Teams activities, as the Polish journey walks it: the channel's notice, `/csp
 * resellers`, the request in the approvals channel, the App Home and the reseller's customers. On the
 * embedded store only: escaping is the edge's, the same whatever the store.
 */
const backend = JOURNEY_BACKENDS[0];
describe(`Journey: names typed with &, < and > read as typed in Slack, on ${backend.name} (Slack escaping; P2, P3, C3)`, () => {
  const world = journeyWorld(backend, 'T0TYPEDNAMES');
  const tenantId = randomUUID();
  const anna = { tenantId, aadObjectId: 'aad-anna-smith', name: 'Anna Smith', locale: 'en-US' };
  const profile = { ...TAILSPIN_PROFILE, legalName: RESELLER };
  let requestId = '';

  it('enrols as “Smith & Sons <EU>”, is verified and signs the MPA in Partner Center (E2–E5, M4)', async function () {
    this.timeout(60_000);
    expect((await enrol(world, anna, profile)).submitted).to.include(asJson(en('enrolment:submitted.title')));
    await verifiedByPartnerCenter(world, anna);
    // Teams' notice names it escaped for Teams' markdown (test/journeys/typedNamesInTeams.http.test.ts).
    await mpaSignedInPartnerCenter(world, anna, inTeamsMarkdown(RESELLER));
  });

  it('sets the distributor up: the answer’s mentions of the approvers and the channel still work', async () => {
    await world.setUpDistributor(ADMIN, APPROVER, DEMO.provider);
    const saved = await world.slackCalled(
      'chat.postMessage',
      (json) => json.includes(DEMO.provider.name),
      'the set-up answer',
    );
    expect(saved).to.include(`<@${APPROVER}>`).and.include(`<#${CHANNEL}>`).and.not.include('&lt;@');
  });

  it('invites it by the name the rep typed: the draft email, plain text to copy, has it as typed (P2)', async () => {
    const { response, code } = await inviteReseller(world, APPROVER, {
      email: profile.contactEmail,
      companyName: RESELLER,
      mpnId: profile.mpnId,
    });
    expectReadAsTyped(response.json?.view, RESELLER, { plain: true });
    const { partnerCenterLink } = await authorise(world, anna, code);
    await acceptInPartnerCenter(world, partnerCenterLink);
    await confirmedOnCheckNow(world, anna, DEMO.provider.name);
  });

  it('tells the channel the reseller accepted, then that Partner Center confirmed it, its name escaped once (P3)', async () => {
    for (const key of ['partnerships:slack.notice.accepted', 'partnerships:slack.notice.confirmed']) {
      // The notice's first words, up to where the catalog puts the reseller's name, escaped.
      const opening = en(key, { reseller: '\u0000' }).split('\u0000')[0];
      const notice = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(asJson(`${opening}${inMrkdwn(RESELLER)}`)),
        key,
      );
      expectReadAsTyped(parsed(notice), RESELLER, { mrkdwn: true });
    }
  });

  it('lists it in /csp resellers: the row in mrkdwn, its buttons in plain text (P7)', async () => {
    const listing = parsed(await world.slack.slashAnswer('resellers', REP));
    expect(JSON.stringify(listing)).to.include(asJson(en('partnerships:state.active')));
    expectReadAsTyped(listing, RESELLER, { mrkdwn: true, plain: true });
  });

  it('asks for “Kowalski & Córka <PL>” in Teams: the approvals channel reads both names as typed, the domain as it is (C3)', async () => {
    const domain = `kowalski-${tenantId.slice(0, 8)}.pl`;
    ({ requestId } = await requestCustomer(world, anna, {
      companyName: CUSTOMER,
      domain,
      licences: { [STANDARD]: 5 },
    }));
    const post = parsed(
      await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(requestId),
        'the request in the channel',
      ),
    );
    expectReadAsTyped(post, CUSTOMER, { mrkdwn: true });
    expectReadAsTyped(post, RESELLER, { mrkdwn: true });
    expect(slackTextsOf(post).mrkdwn.join('\n')).to.include(`(${domain}, `);
  });

  it('shows the request on the approver’s App Home with both names as typed', async () => {
    const home = await world.slack.openHome(APPROVER);
    expect(JSON.stringify(home)).to.include(requestId);
    expectReadAsTyped(home, CUSTOMER, { mrkdwn: true });
    expectReadAsTyped(home, RESELLER, { mrkdwn: true });
  });

  it('once approved, the reseller’s customers: the heading names the reseller as typed, the customer escaped once (C3, C4)', async () => {
    await approvedInSlack(world, APPROVER, requestId, anna);
    const customers = parsed(await world.slack.clickAnswer('customers.resellerCustomers', tenantId, REP));
    expectReadAsTyped(customers, RESELLER, { plain: true });
    expectReadAsTyped(customers, CUSTOMER, { mrkdwn: true });
  });
});
