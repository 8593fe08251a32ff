import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER } from '../support/drivers/contosoInSlack';
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
import { inTeamsMarkdown, teamsTextsOf } from '../support/drivers/teamsTexts';

const pl = catalog('pl');

/** What the reseller typed as its legal name, its customer's name, and the person's name as Teams gives it. */
const RESELLER = 'Smith & Sons <EU>';
const CUSTOMER = 'Kowalski & Córka <PL>';
const PERSON = '*Anna*_Nowak';

/** Every activity in a reply (the driver joins them with a newline). */
const activities = (replies: string) => replies.split('\n').map((line) => JSON.parse(line) as unknown);

/**
 * The name reads as typed wherever Teams shows it: in markdown (a message's text, a TextBlock, a fact)
 * escaped once, so `<EU>` is no tag, `*…*` no emphasis and `&amp;` no entity; in an input, a choice or a
 * button as it is.
 */
function expectReadAsTyped(replies: string, name: string, where: { markdown?: boolean; plain?: boolean }) {
  const texts = teamsTextsOf(activities(replies));
  const [markdown, plain] = [texts.markdown.join('\n'), texts.plain.join('\n')];
  if (where.markdown) expect(markdown, 'in markdown').to.include(inTeamsMarkdown(name));
  if (where.plain) expect(plain, 'as it is').to.include(name);
  expect(markdown, 'raw in markdown').to.not.include(name);
  expect(plain, 'escaped where shown as it is').to.not.include(inTeamsMarkdown(name));
  expect(`${markdown}\n${plain}`, 'escaped twice').to.not.include('&amp;amp;').and.not.include('\\\\');
}

/**
 * A Polish reseller named with HTML's and markdown's characters, its person's Teams name and its
 * customer's likewise, from an empty store through Teams activities and signed Slack requests: what the
 * Teams side receives (messages, notices, cards) shows each name as typed. On the embedded store only:
 * escaping is the edge's, the same whatever the store.
 */
const backend = JOURNEY_BACKENDS[0];
describe(`Journey: names typed with &, <, >, * and _ read as typed in Teams, on ${backend.name} (Teams escaping; E2–E5, M4, P3, C3)`, () => {
  const world = journeyWorld(backend, 'T0TEAMSNAMES');
  const tenantId = randomUUID();
  const anna = { tenantId, aadObjectId: 'aad-anna-nowak', name: PERSON, locale: 'pl-PL' };
  const profile = { ...TAILSPIN_PROFILE, legalName: RESELLER };

  it('enrols as “Smith & Sons <EU>”: the step card keeps the name as typed, the checklist says who answered (E2–E5)', async function () {
    this.timeout(60_000);
    const { answers, submitted } = await enrol(world, anna, profile);
    expect(submitted).to.include(asJson(pl('enrolment:submitted.title')));
    const checklist = answers.map(([, reply]) => reply).join('\n');
    expectReadAsTyped(checklist, PERSON, { markdown: true });
    const step = await world.press({ verb: 'continue', step: 'legal-business-profile' }, anna);
    expectReadAsTyped(step, RESELLER, { plain: true });
  });

  it('hears Partner Center’s verification and the MPA signed, and reads its status card, its name escaped once (E6, M4)', async function () {
    this.timeout(30_000);
    await verifiedByPartnerCenter(world, anna);
    expectReadAsTyped(await mpaSignedInPartnerCenter(world, anna, inTeamsMarkdown(RESELLER)), RESELLER, {
      markdown: true,
    });
    expectReadAsTyped(await world.say(pl('enrolment:words.status'), anna), RESELLER, { markdown: true });
  });

  it('partners with the distributor (P2, P3)', async function () {
    this.timeout(30_000);
    await world.setUpDistributor(ADMIN, APPROVER, DEMO.provider);
    const { code } = await inviteReseller(world, APPROVER, {
      email: profile.contactEmail,
      companyName: RESELLER,
      mpnId: profile.mpnId,
    });
    const { partnerCenterLink } = await authorise(world, anna, code);
    await acceptInPartnerCenter(world, partnerCenterLink);
    await confirmedOnCheckNow(world, anna, DEMO.provider.name);
  });

  it('asks for “Kowalski & Córka <PL>”: the offers card, the review’s facts and the answer name it as typed (C3)', async function () {
    this.timeout(30_000);
    const domain = `kowalski-${tenantId.slice(0, 8)}.pl`;
    const { offers, review, submitted, requestId } = await requestCustomer(world, anna, {
      companyName: CUSTOMER,
      domain,
      licences: { [STANDARD]: 5 },
    });
    expectReadAsTyped(offers, CUSTOMER, { markdown: true });
    expectReadAsTyped(review, CUSTOMER, { markdown: true });
    expectReadAsTyped(submitted, CUSTOMER, { markdown: true });

    const outcome = await approvedInSlack(world, APPROVER, requestId, anna, '300.1');
    expectReadAsTyped(outcome, CUSTOMER, { markdown: true });
  });
});
