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
import { inTeamsMarkdown, teamsTextsOf } from '../support/drivers/teamsTexts';

/** The reseller's person writes Polish in Teams; the distributor's workspace reads English in Slack. */
const pl = catalog('pl');
const en = catalog('en');

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
function teamsReadsAsTyped(replies: string, name: string, where: { markdown?: boolean; plain?: boolean }) {
  const texts = teamsTextsOf(activities(replies));
  const [markdown, plain] = [texts.markdown.join('\n'), texts.plain.join('\n')];
  if (where.markdown) expect(markdown, 'in markdown').to.include(inTeamsMarkdown(name));
  if (where.plain) expect(plain, 'as it is').to.include(name);
  expect(markdown, 'raw in markdown').to.not.include(name);
  expect(plain, 'escaped where shown as it is').to.not.include(inTeamsMarkdown(name));
  expect(`${markdown}\n${plain}`, 'escaped twice').to.not.include('&amp;amp;').and.not.include('\\\\');
}

/**
 * The name reads as typed wherever Slack shows it: in mrkdwn escaped once (Slack would otherwise take
 * `<EU>` for a link and drop it, and `&` for an entity), in plain_text as it is.
 */
function slackReadsAsTyped(payload: unknown, name: string, where: { mrkdwn?: boolean; plain?: boolean }) {
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
 * A Polish reseller named with HTML's, markdown's and Slack's markup characters, its person's Teams name and
 * its customer's likewise, from an empty store through Teams activities and signed Slack requests, on one
 * road from enrolment to an approved customer: what Teams shows the reseller (messages, notices, cards) and
 * what Slack shows the distributor (the channel's notices, `/csp resellers`, the request in the approvals
 * channel, the App Home, the reseller's customers) name each as typed. On the embedded store only: escaping
 * is the edge's, the same whatever the store.
 */
const backend = JOURNEY_BACKENDS[0];
describe(`Journey: names typed with &, <, >, * and _ read as typed in Teams and in Slack, on ${backend.name} (Teams and Slack escaping; E2–E5, M4, P2, P3, C3)`, () => {
  const world = journeyWorld(backend, 'T0TYPEDNAMES');
  const tenantId = randomUUID();
  const anna = { tenantId, aadObjectId: 'aad-anna-nowak', name: PERSON, locale: 'pl-PL' };
  const profile = { ...TAILSPIN_PROFILE, legalName: RESELLER };
  let requestId = '';

  it('enrols as “Smith & Sons <EU>”: the step card keeps the name as typed, the checklist says who answered (E2–E5)', async function () {
    this.timeout(60_000);
    const { answers, submitted } = await enrol(world, anna, profile);
    expect(submitted).to.include(asJson(pl('enrolment:submitted.title')));
    const checklist = answers.map(([, reply]) => reply).join('\n');
    teamsReadsAsTyped(checklist, PERSON, { markdown: true });
    const step = await world.press({ verb: 'continue', step: 'legal-business-profile' }, anna);
    teamsReadsAsTyped(step, RESELLER, { plain: true });
  });

  it('hears Partner Center’s verification and the MPA signed, and reads its status card, its name escaped once (E6, M4)', async function () {
    this.timeout(30_000);
    await verifiedByPartnerCenter(world, anna);
    teamsReadsAsTyped(await mpaSignedInPartnerCenter(world, anna, inTeamsMarkdown(RESELLER)), RESELLER, {
      markdown: true,
    });
    teamsReadsAsTyped(await world.say(pl('enrolment:words.status'), anna), RESELLER, { markdown: true });
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

  it('is invited by the name the rep typed: the draft email, plain text to copy, has it as typed; it partners (P2, P3)', async function () {
    this.timeout(30_000);
    const { response, code } = await inviteReseller(world, APPROVER, {
      email: profile.contactEmail,
      companyName: RESELLER,
      mpnId: profile.mpnId,
    });
    slackReadsAsTyped(response.json?.view, RESELLER, { plain: true });
    const { partnerCenterLink } = await authorise(world, anna, code);
    await acceptInPartnerCenter(world, partnerCenterLink);
    await confirmedOnCheckNow(world, anna, DEMO.provider.name);
  });

  it('is announced in the channel as accepted, then as confirmed by Partner Center, its name escaped once (P3)', async () => {
    for (const key of ['partnerships:slack.notice.accepted', 'partnerships:slack.notice.confirmed']) {
      // The notice's first words, up to where the catalog puts the reseller's name, escaped.
      const opening = en(key, { reseller: '\u0000' }).split('\u0000')[0];
      const notice = await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(asJson(`${opening}${inMrkdwn(RESELLER)}`)),
        key,
      );
      slackReadsAsTyped(parsed(notice), RESELLER, { mrkdwn: true });
    }
  });

  it('is listed in /csp resellers: the row in mrkdwn, its buttons in plain text (P7)', async () => {
    const listing = parsed(await world.slack.slashAnswer('resellers', REP));
    expect(JSON.stringify(listing)).to.include(asJson(en('partnerships:state.active')));
    slackReadsAsTyped(listing, RESELLER, { mrkdwn: true, plain: true });
  });

  it('asks for “Kowalski & Córka <PL>”: the offers card, the review’s facts and the answer name it as typed; the approvals channel reads both names as typed, the domain as it is (C3)', async function () {
    this.timeout(30_000);
    const domain = `kowalski-${tenantId.slice(0, 8)}.pl`;
    const asked = await requestCustomer(world, anna, {
      companyName: CUSTOMER,
      domain,
      licences: { [STANDARD]: 5 },
    });
    requestId = asked.requestId;
    teamsReadsAsTyped(asked.offers, CUSTOMER, { markdown: true });
    teamsReadsAsTyped(asked.review, CUSTOMER, { markdown: true });
    teamsReadsAsTyped(asked.submitted, CUSTOMER, { markdown: true });

    const post = parsed(
      await world.slackCalled(
        'chat.postMessage',
        (json) => json.includes(CHANNEL) && json.includes(requestId),
        'the request in the channel',
      ),
    );
    slackReadsAsTyped(post, CUSTOMER, { mrkdwn: true });
    slackReadsAsTyped(post, RESELLER, { mrkdwn: true });
    expect(slackTextsOf(post).mrkdwn.join('\n')).to.include(`(${domain}, `);
  });

  it('shows the request on the approver’s App Home with both names as typed', async () => {
    const home = await world.slack.openHome(APPROVER);
    expect(JSON.stringify(home)).to.include(requestId);
    slackReadsAsTyped(home, CUSTOMER, { mrkdwn: true });
    slackReadsAsTyped(home, RESELLER, { mrkdwn: true });
  });

  it('once approved: Teams tells the reseller with the customer escaped once; the reseller’s customers in Slack name the reseller as typed, the customer escaped once (C3, C4)', async function () {
    this.timeout(30_000);
    const outcome = await approvedInSlack(world, APPROVER, requestId, anna, '300.1');
    teamsReadsAsTyped(outcome, CUSTOMER, { markdown: true });
    const customers = parsed(await world.slack.clickAnswer('customers.resellerCustomers', tenantId, REP));
    slackReadsAsTyped(customers, RESELLER, { plain: true });
    slackReadsAsTyped(customers, CUSTOMER, { mrkdwn: true });
  });
});
