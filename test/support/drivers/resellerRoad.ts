import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { SlackDriver } from './slackDriver';
import type { TeamsUser } from './teamsActivities';
import { asJson, catalog, type JourneyWorld } from './journeyWorld';
import { agreementAnswers } from './customerAgreementAnswers';

/**
 * The road a new reseller and its distributor take, step by step, through what Teams and Slack send,
 * a browser on the Partner Center stand-in page and the operator's scripts/sandbox.ts. Each step returns
 * what the people were shown, so the journey tests assert on it; the bench walks the same steps to
 * build the state its Approve clicks meet. Steps throw only when the road is blocked (nothing to follow).
 */

/** A person of the reseller in Teams: the tenant is the reseller organisation. */
export type ResellerPerson = TeamsUser & { tenantId: string; aadObjectId: string; locale: string };

/** What the enrolment checklist's steps are answered with: the sandbox's free profile, Tailspin Toys (PL). */
export interface EnrolmentProfile {
  mpnId: string;
  legalName: string;
  contactName: string;
  contactEmail: string;
  supportEmail: string;
}

export const TAILSPIN_PROFILE: EnrolmentProfile = {
  mpnId: DEMO.mpnOnly.mpnId,
  legalName: DEMO.mpnOnly.partnerName,
  contactName: 'Anna Nowak',
  contactEmail: 'anna.nowak@tailspintoys.pl',
  supportEmail: 'pomoc@tailspintoys.pl',
};

/** The two offers a customer request asks for in the journeys (the sandbox's Business Standard and Exchange). */
export const STANDARD = 'CFQ7TTC0LDPB:0001';
export const EXCHANGE = 'CFQ7TTC0LH16:0001';

const readerOf = (person: ResellerPerson) => catalog(person.locale.slice(0, 2));

/** The checklist's steps in the order a person fills them in, each with the card's fields. */
function checklistAnswers(profile: EnrolmentProfile): Array<[string, Record<string, string>]> {
  return [
    ['work-account', { hasWorkAccount: 'true', globalAdmin: 'true' }],
    ['mpn-id', { mpnId: profile.mpnId }],
    [
      'legal-business-profile',
      {
        legalName: profile.legalName,
        line1: 'ul. Marszałkowska 1',
        line2: '',
        city: 'Warszawa',
        postalCode: '00-001',
        country: 'PL',
      },
    ],
    ['primary-contact', { contactName: profile.contactName, contactEmail: profile.contactEmail, contactPhone: '' }],
    ['support-contact', { supportEmail: profile.supportEmail, supportPhone: '', supportUrl: '' }],
  ];
}

/** A checklist step's button, then (with `fields`) the step card's Save. */
export const pickStep = (world: JourneyWorld, person: ResellerPerson, step: string) =>
  world.press({ verb: 'continue', step }, person);
export const answerStep = (world: JourneyWorld, person: ResellerPerson, step: string, fields: Record<string, string>) =>
  world.press({ verb: 'continue', step, enrolmentAction: 'answer', ...fields }, person);

/**
 * Enrolment in the reseller's language (`rejestracja` in Polish): the checklist, each step picked and
 * answered, then Submit. Resolves with the checklist, each step's answer and the submission's reply.
 */
export async function enrol(world: JourneyWorld, person: ResellerPerson, profile: EnrolmentProfile) {
  const t = readerOf(person);
  const checklist = await world.say(t('enrolment:words.enroll'), person);
  const answers: Array<[string, string]> = [];
  for (const [step, fields] of checklistAnswers(profile)) {
    await pickStep(world, person, step);
    answers.push([step, await answerStep(world, person, step, fields)]);
  }
  const submitted = await pickStep(world, person, 'submit');
  return { checklist, answers, submitted };
}

/**
 * The operator moves verification to Authorized (README: `scripts/sandbox.ts set`); the reseller hears
 * it on the assistant's next verification poll. Resolves with what the operator's command printed.
 */
export async function verifiedByPartnerCenter(world: JourneyWorld, person: ResellerPerson) {
  const from = world.connector.received.length;
  const printed = await world.operator('set', person.tenantId, 'Authorized', 'None');
  const notice = asJson(readerOf(person)('notifications:verification.state.Authorized'));
  await world.teamsReceived((json) => json.includes(notice), 'the verification notice', from);
  return printed;
}

/** The Global admin signs the MPA (README: `scripts/sandbox.ts sign-mpa`); the reseller hears it (M4). */
export async function mpaSignedInPartnerCenter(world: JourneyWorld, person: ResellerPerson, companyName: string) {
  const from = world.connector.received.length;
  await world.operator('sign-mpa', person.tenantId);
  const notice = asJson(readerOf(person)('notifications:mpa.signed', { companyName }));
  return world.teamsReceived((json) => json.includes(notice), 'the MPA notice', from);
}

/**
 * `/csp invite` for the reseller's primary contact: resolves with the modal's answer, the invitation's
 * code and the invitation card that reached the reseller in Teams (P2).
 */
export async function inviteReseller(
  world: JourneyWorld,
  approver: string,
  fields: { email: string; companyName: string; mpnId: string },
) {
  const from = world.connector.received.length;
  const response = await world.invite(approver, fields);
  const code = SlackDriver.codeIn(response.json?.view);
  if (!code) throw new Error(`the invitation was not issued: ${response.text.slice(0, 800)}`);
  const card = await world.teamsReceived((json) => json.includes('invitation-authorize'), 'the invitation card', from);
  return { response, code, card };
}

/**
 * Authorize with the consent box ticked: accepted here (the invitation card says so in place), and the
 * one reply, the next card, leads on to Partner Center.
 * Resolves with the replies and the link its Open Partner Center button opens.
 */
export async function authorise(world: JourneyWorld, person: ResellerPerson, code: string) {
  const replies = await world.press(
    { verb: 'invitation-authorize', code, consent: 'true' },
    person,
    'card-invitation',
    1,
  );
  const partnerCenterLink = /"type":"Action.OpenUrl"[^}]*"url":"([^"]+)"/.exec(replies)?.[1] ?? '';
  return { replies, partnerCenterLink };
}

/** The Partner Center page (the sandbox's stand-in) opened from the card and submitted, box ticked (P3). */
export async function acceptInPartnerCenter(world: JourneyWorld, link: string) {
  if (!link) throw new Error('the card gave no Partner Center link to follow');
  const page = await world.browse(link);
  const done = await world.submitForm(page.html, { consent: 'yes' });
  return { page, done };
}

/**
 * Check now on the card: the reseller reads Partner Center's confirmation on the card it pressed (P3).
 * `byThisClick`: this press confirmed it (the organisation's notice then skips this person: said once);
 * false when the periodic pass got there a moment before (the card then says when, and the pass's notice
 * reached everyone, this person too).
 */
export async function confirmedOnCheckNow(world: JourneyWorld, person: ResellerPerson, providerName: string) {
  await world.press({ verb: 'partnership-check', provider: world.providerId }, person, 'card-awaiting', 0);
  const t = readerOf(person);
  const confirmed = asJson(t('partnerships:teams.confirmed', { provider: providerName }));
  const already = asJson(
    t('partnerships:teams.alreadyConfirmed', { provider: providerName, when: '\u0000' }).split('\u0000')[0],
  );
  const card = await world.cardReplaced(
    (json) => json.includes(confirmed) || json.includes(already),
    'the confirmation',
  );
  return { card, byThisClick: card.includes(confirmed) };
}

/** What a reseller asks for: a new customer (its details typed on the first card) and licences per offer. */
export interface CustomerAsk {
  companyName: string;
  domain: string;
  licences: Record<string, number>;
}

/**
 * A new customer's request through the cards (C3, P9): `customers` in the reseller's language, the
 * details, the licences per offer, the review, Submit. `card` names the cards pressed (one set per
 * request, as each request's cards are new ones). Resolves with each reply and the request's id.
 */
export async function requestCustomer(world: JourneyWorld, person: ResellerPerson, ask: CustomerAsk, card = 'card') {
  const t = readerOf(person);
  const form = await world.say(t('customers:teams.words.customers'), person);
  const offers = await world.press(
    {
      verb: 'customers-offers',
      companyName: ask.companyName,
      domain: ask.domain,
      country: 'PL',
      adminEmail: `it@${ask.domain}`,
      providerId: world.providerId,
      line1: 'ul. Prosta 1',
      city: 'Warszawa',
      postalCode: '00-001',
    },
    person,
    `${card}-details`,
  );
  const requestId = /"draftId":"([0-9a-f-]{36})"/.exec(offers)?.[1] ?? '';
  if (!requestId) throw new Error(`no request to go on with: ${offers.slice(0, 500)}`);
  const quantities = Object.fromEntries(Object.entries(ask.licences).map(([offer, n]) => [`qty:${offer}`, String(n)]));
  const review = await world.press(
    // MCA1: the person fills in who accepted the customer agreement, as the card asks.
    { verb: 'customers-review', draftId: requestId, ...quantities, ...agreementAnswers(offers) },
    person,
    `${card}-offers`,
  );
  const submitted = await world.pressRedrawn(
    { verb: 'customers-submit', draftId: requestId },
    person,
    `${card}-review`,
  );
  return { form, offers, review, submitted, requestId };
}

/**
 * An approver presses Approve on a new customer's request in the approvals channel (C3); resolves with
 * what the reseller is told in Teams, found by the answer's words before the customer's name.
 */
export async function approvedInSlack(
  world: JourneyWorld,
  approver: string,
  requestId: string,
  person: ResellerPerson,
  messageTs = '200.1',
) {
  const from = world.connector.received.length;
  const approve = world.slack.buttonClick('customers.approve', requestId, approver, { from: 'message', messageTs });
  const status = (await approve.response).status;
  if (status !== 200) throw new Error(`Approve answered ${status}`);
  const told = readerOf(person)('customers:teams.outcome.approved.new-customer', {
    provider: DEMO.provider.name,
    company: '\u0000',
    domain: '\u0000',
  }).split('\u0000')[0];
  return world.teamsReceived((json) => json.includes(asJson(told)), 'the approval told in Teams', from);
}
