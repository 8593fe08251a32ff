import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import type { ConnectorStub } from '../fakes/connectorStub';
import type { SlackApiStub } from '../fakes/slackApiStub';
import { acceptInPartnerCenter, confirmedOnCheckNow } from './resellerRoad';
import { SlackDriver } from './slackDriver';
import type { TeamsUser } from './teamsActivities';
import { asJson, catalog, JourneyWorld } from './journeyWorld';

/**
 * How a reseller the sandbox Partner Center already knows gets partnered with the distributor, the
 * way its people do it: "We are already enrolled in CSP" in Teams (E7, with its PartnerID and country),
 * then the distributor's `/csp invite` in Slack and Authorize on the invitation card (P2, P3), with the
 * Partner Center page and Check now when Partner Center does not list it yet. Nothing writes the store;
 * the customer HTTP tests walk this once per world, from an empty store.
 */

/** An HTTP test's own assistant and platforms. */
export interface WorldParts {
  assistant: { url: string; dataDir: string };
  redisUrl?: string;
  connector: ConnectorStub;
  slackApi: SlackApiStub;
  /** The test's Slack driver, so both count its `respond-<n>` answers alike. */
  slack: SlackDriver;
  team: string;
  channel: string;
}

/** The journeys' steps on an HTTP test's own assistant and platforms (nothing started or stopped). */
export function journeyOn(parts: WorldParts): JourneyWorld {
  const world = new JourneyWorld({ name: 'given', env: {}, prepare: async () => {} }, parts.team, parts.channel, {});
  world.connector = parts.connector;
  world.slackApi = parts.slackApi;
  world.attach({ url: parts.assistant.url, dataDir: parts.assistant.dataDir, redisUrl: parts.redisUrl });
  world.slack = parts.slack;
  return world;
}

/** What the E7 step asks of a reseller already in CSP. */
export interface AlreadyInCsp {
  mpnId: string;
  country: string;
  supportEmail: string;
}

/** A person's catalog: the language Teams reports for them (English when it says none). */
const wordsOf = (person: TeamsUser) => catalog((person.locale ?? 'en-US').slice(0, 2));

/**
 * E7 in Teams: the checklist, "We are already enrolled in CSP", PartnerID and country (checked at
 * Partner Center, E3), then the conversation stopped so the next message starts afresh.
 * Resolves with what the step's Save answered.
 */
export async function alreadyEnrolledInCsp(world: JourneyWorld, person: TeamsUser, reseller: AlreadyInCsp) {
  const t = wordsOf(person);
  const done = asJson(t('enrolment:progress.alreadyEnrolledDone'));
  const checklist = await world.say(t('enrolment:words.enroll'), person);
  // An organisation that said so before (a store an earlier world left) reads it on the checklist: nothing to answer.
  if (checklist.includes(done)) {
    await world.say(t('common:words.cancel'), person);
    return checklist;
  }
  await world.press({ verb: 'continue', step: 'already-enrolled' }, person);
  const saved = await world.press(
    {
      verb: 'continue',
      step: 'already-enrolled',
      enrolmentAction: 'answer',
      mpnId: reseller.mpnId,
      country: reseller.country,
      supportEmail: reseller.supportEmail,
      supportPhone: '',
      supportUrl: '',
    },
    person,
  );
  if (!saved.includes(done)) {
    throw new Error(`E7 was not accepted: ${saved.slice(0, 800)}`);
  }
  await world.say(t('common:words.cancel'), person);
  return saved;
}

/**
 * The primary contact given on the enrolment checklist (E2.3): `enrol`, the step's button, its card's
 * Save, then the conversation stopped. Its domain becomes the organisation's own (C8; E4 keeps it off
 * webmail). An organisation that said it is already in CSP (E7) is still offered the step until Partner
 * Center confirms its enrolment (a partnership does); one that enrols answers it on the way.
 * Resolves with what the Save answered.
 */
export async function primaryContactGiven(
  world: JourneyWorld,
  person: TeamsUser,
  contact: { contactName: string; contactEmail: string },
) {
  const t = wordsOf(person);
  const checklist = await world.say(t('enrolment:words.enroll'), person);
  if (!checklist.includes('"step":"primary-contact"')) {
    throw new Error(`the checklist offers no primary contact step: ${checklist.slice(0, 800)}`);
  }
  await world.press({ verb: 'continue', step: 'primary-contact' }, person);
  const saved = await world.press(
    { verb: 'continue', step: 'primary-contact', enrolmentAction: 'answer', ...contact, contactPhone: '' },
    person,
  );
  if (!saved.includes(asJson(t('enrolment:progress.title')))) {
    throw new Error(`the primary contact was not saved: ${saved.slice(0, 800)}`);
  }
  await world.say(t('common:words.cancel'), person);
  return saved;
}

/** Resolves once `check` holds, re-checking every 20 ms; fails after `timeoutMs`. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * `/csp invite` by `approver` for `invitee`, the invitation opened in Teams with its code and
 * Authorize pressed (consent ticked). When Partner Center already lists the reseller the card says
 * the partnership is active; otherwise the reseller follows the card's link to the Partner Center page,
 * accepts there and presses Check now (P3). `isActive` says when the assistant holds it as active.
 */
export async function partnerThroughInvitation(
  world: JourneyWorld,
  approver: string,
  person: TeamsUser,
  invitee: { email: string; companyName: string },
  isActive: () => Promise<boolean>,
) {
  const toChannel = () =>
    world.slackApi.callsOf('chat.postMessage').filter((c) => c.args.channel === world.channel).length;
  const channelPosts = toChannel();
  const invited = await world.invite(approver, { ...invitee, mpnId: '' });
  const code = SlackDriver.codeIn(invited.json?.view);
  if (!code) throw new Error(`the invitation was not issued: ${invited.text.slice(0, 800)}`);
  const opened = await world.say(`invitation ${code}`, person);
  if (!opened.includes('invitation-authorize')) throw new Error(`no invitation card: ${opened.slice(0, 800)}`);
  const from = world.connector.received.length;
  await world.press({ verb: 'invitation-authorize', code, consent: 'true' }, person, 'card-invitation', 0);
  const next = await until(async () => {
    if (await isActive()) return 'active';
    const replies = world.connector.received.slice(from).map((r) => JSON.stringify(r.activity));
    return replies.find((json) => json.includes('Action.OpenUrl'));
  }, 'the answer to Authorize');
  if (next !== 'active') {
    const link = /"type":"Action.OpenUrl"[^}]*"url":"([^"]+)"/.exec(next)?.[1] ?? '';
    await acceptInPartnerCenter(world, link);
    const reseller = { ...person, tenantId: person.tenantId ?? '', aadObjectId: person.aadObjectId ?? '' };
    await confirmedOnCheckNow(world, { ...reseller, locale: person.locale ?? 'en-US' }, DEMO.provider.name);
    await until(async () => ((await isActive()) ? true : undefined), 'the partnership active after Check now');
  }
  // The approvals channel hears of it (P3) before anything else happens, so no later step meets this post.
  await until(() => (toChannel() > channelPosts ? true : undefined), 'the channel notice of the partnership');
}

/** A reseller the sandbox Partner Center already lists, as its distributor invites it and E7 asks of it. */
export interface ListedReseller extends AlreadyInCsp {
  name: string;
  primaryContactEmail: string;
}

/**
 * The distributor and a reseller Partner Center already lists partnered, every step as their people take
 * it: the admin's `/csp setup` and the approver's `/csp invite` in Slack (P2), "We are already enrolled in
 * CSP" in Teams with the PartnerID and country (E7), then Authorize on the invitation card (P3). Resolves
 * once the pressed card is redrawn as the authorised partnership.
 */
export async function partneredAsAlreadyEnrolled(
  world: JourneyWorld,
  contoso: { admin: string; approver: string },
  person: TeamsUser,
  reseller: ListedReseller,
) {
  await world.setUpDistributor(contoso.admin, contoso.approver, DEMO.provider);
  await invitedAndAuthorisedAsAlreadyEnrolled(world, contoso.approver, person, reseller);
}

/**
 * A further reseller Partner Center already lists, partnered with the distributor set up before: the
 * approver's `/csp invite` in Slack (P2), E7 in Teams, Authorize on the invitation card (P3).
 */
export async function invitedAndAuthorisedAsAlreadyEnrolled(
  world: JourneyWorld,
  approver: string,
  person: TeamsUser,
  reseller: ListedReseller,
) {
  const t = wordsOf(person);
  const invited = await world.invite(approver, {
    email: reseller.primaryContactEmail,
    companyName: reseller.name,
    mpnId: '',
  });
  const code = SlackDriver.codeIn(invited.json?.view);
  await world.say(t('enrolment:words.enroll'), person);
  await world.press({ verb: 'continue', step: 'already-enrolled' }, person);
  const answer = {
    mpnId: reseller.mpnId,
    country: reseller.country,
    supportEmail: reseller.supportEmail,
    supportPhone: '',
    supportUrl: '',
  };
  await world.press({ verb: 'continue', step: 'already-enrolled', enrolmentAction: 'answer', ...answer }, person);
  await world.say(t('common:words.cancel'), person);
  await world.press({ verb: 'invitation-authorize', code, consent: 'true' }, person, 'card-invitation', 0);
  const authorised = t('partnerships:teams.authorised', { provider: DEMO.provider.name, who: '\u0000' });
  await world.cardReplaced(
    (json) => json.includes(asJson(authorised.split('\u0000')[0])),
    'the authorised partnership',
  );
}
