import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { utcDay } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import type { SlackApiStub, SlackCall } from '../../test/support/fakes/slackApiStub';
import { SlackDriver } from '../../test/support/drivers/slackDriver';
import { chatPane, expectCard, expectVisible, sendMessage } from './browser';
import type { PlaygroundSession } from './session';
import { emailOf, FABRIKAM_ORGANISATION, type PlaygroundOrganisation, TAILSPIN_ORGANISATION } from './tenantConfig';

/**
 * The road every walk in the Agents Playground takes, from an empty store, as the people take it
 * (issue 12): the reseller enrols with the checklist cards in Teams, the operator moves verification
 * and the MPA in the Partner Center sandbox with scripts/sandbox.ts (as the README says), the
 * distributor sets up and invites in Slack (signed requests through Bolt's check), the reseller
 * authorises in Teams and on the Partner Center page, and Partner Center confirms the partnership.
 * Nothing here writes the store: every step is what Teams, Slack, a browser or the operator sends.
 */

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

export interface RoadPeople {
  /** The distributor's Slack workspace, its approvals channel, and the rep who is admin and approver. */
  team: string;
  channel: string;
  rep: string;
}

export interface Road extends RoadPeople {
  session: PlaygroundSession;
  page: Page;
  /** The reseller's language in Teams (its client locale). */
  t: Translate;
  /** The reseller organisation in the Playground. */
  reseller: ResellerOnTheRoad;
  /** The distributor rep's language in Slack. */
  slackT: Translate;
  slack: SlackDriver;
  slackApi: SlackApiStub;
  /** Prints one line of the walk (what a person did or saw). */
  say(message: string): void;
  /** Prints what a person reads, quoted under `who`. */
  show(who: string, text: string): void;
  /** Called with each card worth a picture on the way (the screenshots script saves them). */
  picture?(name: string, card: Locator): Promise<void>;
  /** Make the slips people make on the way (issue 12's items 1, 2, 4), and check what they are told. */
  slips?: boolean;
}

/** The reseller organisation walking the road: who it is in Partner Center and who is at the keyboard. */
export interface ResellerOnTheRoad {
  organisation: PlaygroundOrganisation;
  tenantId: string;
  name: string;
  mpnId: string;
  country: string;
  contactName: string;
  contactEmail: string;
  /** Already in CSP (E7): it says so with its PartnerID and country instead of enrolling. */
  alreadyEnrolled: boolean;
}

const onTheRoad = (
  organisation: PlaygroundOrganisation,
  partner: { name: string; mpnId: string; country: string },
  alreadyEnrolled: boolean,
): ResellerOnTheRoad => ({
  organisation,
  tenantId: organisation.tenantId,
  ...partner,
  contactName: `${organisation.currentUser[0]} ${organisation.currentUser[1]}`,
  contactEmail: emailOf(organisation.currentUser, organisation.domain),
  alreadyEnrolled,
});

/** A new reseller: enrols with the sandbox's free MPN profile (Tailspin Toys, Poland). */
export const TAILSPIN = onTheRoad(
  TAILSPIN_ORGANISATION,
  { name: DEMO.mpnOnly.partnerName, mpnId: DEMO.mpnOnly.mpnId, country: DEMO.mpnOnly.country },
  false,
);

/** The sandbox's reseller already in CSP, verified, MPA signed (Fabrikam IT): E7's road. */
export const FABRIKAM = onTheRoad(
  FABRIKAM_ORGANISATION,
  { name: DEMO.resellerReady.name, mpnId: DEMO.resellerReady.mpnId, country: DEMO.resellerReady.country },
  true,
);

/** Waits until `count` cards with `title` (a whole text block) are on the page; resolves with the newest. */
async function nthCard(page: Page, title: string, count: number, what: string, timeoutMs = 20_000): Promise<Locator> {
  const cards = page.locator('.ac-adaptiveCard', { has: page.getByText(title, { exact: true }) });
  const deadline = Date.now() + timeoutMs;
  while ((await cards.count()) < count) {
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(100);
  }
  const card = cards.nth(count - 1);
  await expectVisible(card, 5_000, what);
  return card;
}

const cardsWith = (page: Page, title: string) =>
  page.locator('.ac-adaptiveCard', { has: page.getByText(title, { exact: true }) }).count();

/** The answers a person gives on each checklist step (field id → text, or true to tick a box). */
type Answers = Record<string, string | true>;

/**
 * A slip on a step: answers first given, the reason the card must come back with, and the fields
 * whose values must still be there (not typed again).
 */
interface Slip {
  answers: Answers;
  reason: (t: Translate) => string;
  kept: string[];
}

const enrolmentAnswers = (r: ResellerOnTheRoad): Array<{ step: string; answers: Answers; slip?: Slip }> => [
  {
    step: 'work-account',
    answers: { hasWorkAccount: true, globalAdmin: true },
    // A work account without a Global admin: the Global admin is what is missing (E2), not the account.
    slip: {
      answers: { hasWorkAccount: true },
      reason: (t) => t('rules:violation.E2.global-admin-required'),
      kept: [],
    },
  },
  { step: 'mpn-id', answers: { mpnId: r.mpnId } },
  {
    step: 'legal-business-profile',
    answers: {
      legalName: r.name,
      line1: 'ul. Marszałkowska 1',
      city: 'Warszawa',
      postalCode: '00-001',
      country: 'PL',
    },
  },
  {
    step: 'primary-contact',
    answers: { contactEmail: r.contactEmail },
    // A webmail address (E4): refused, and the name typed beside it is still on the card.
    slip: {
      answers: { contactName: r.contactName, contactEmail: 'ola.wojcik@gmail.com' },
      reason: (t) =>
        t('rules:violation.E4.webmail-primary-contact', { email: 'ola.wojcik@gmail.com', domain: 'gmail.com' }),
      kept: ['contactName'],
    },
  },
  { step: 'support-contact', answers: { supportEmail: 'pomoc@tailspintoys.pl' } },
];

/** Fills `answers` in on a step card (labels in the reader's language) and presses Save. */
async function fillAndSave(road: Road, card: Locator, step: string, answers: Answers): Promise<void> {
  for (const [field, value] of Object.entries(answers)) {
    const label = road.t(`enrolment:step.${step}.field.${field}`);
    const input = card.getByLabel(label, { exact: false }).first();
    await expectVisible(input, 5_000, `the field "${label}"`);
    if (value === true) await input.check();
    else await input.fill(value);
  }
  await card.getByRole('button', { name: road.t('enrolment:step.save'), exact: true }).click();
}

/** The slip's answers refused: the step card comes back with the reason and what was typed still there. */
async function slipOn(road: Road, step: string, slip: Slip, card: Locator): Promise<Locator> {
  const { page, t } = road;
  const stepTitle = t(`enrolment:step.${step}.title`);
  const before = await cardsWith(page, stepTitle);
  await fillAndSave(road, card, step, slip.answers);
  const refused = await nthCard(page, stepTitle, before + 1, `the step card "${stepTitle}" refused`);
  const reason = slip.reason(t);
  await expectVisible(refused.getByText(reason, { exact: false }).first(), 5_000, `the reason "${reason}"`);
  for (const field of slip.kept) {
    const input = refused.getByLabel(t(`enrolment:step.${step}.field.${field}`), { exact: false }).first();
    const kept = await input.inputValue();
    if (kept !== slip.answers[field]) throw new Error(`"${field}" came back as "${kept}", not as typed`);
  }
  road.say(
    `Teams: a slip on ${t(`enrolment:choice.${step}`)}: told "${reason}"${slip.kept.length ? `; ${slip.kept.join(', ')} kept as typed` : ''}`,
  );
  return refused;
}

/** The welcome card on install, in the client's language (its locale reached the assistant). */
export async function welcomed(road: Road): Promise<void> {
  const welcome = await expectCard(
    road.page,
    road.t('common:welcome.title'),
    30_000,
    'the welcome card in the client language',
  );
  await expectVisible(welcome.getByRole('button').first(), 5_000, "the welcome card's buttons");
  await road.picture?.('welcome.png', welcome);
  road.say(`Teams: the welcome card, in the client's language: "${road.t('common:welcome.title')}"`);
}

/**
 * The enrolment word, then each step picked on the checklist, filled in and saved, then submitted
 * (E2–E5): the cards as the person sees them, one press at a time.
 */
export async function enrolInTeams(road: Road): Promise<void> {
  const { page, t } = road;
  const progressTitle = t('enrolment:progress.title');
  let progressCards = await cardsWith(page, progressTitle);
  await sendMessage(page, t('enrolment:words.enroll'));
  let progress = await nthCard(page, progressTitle, ++progressCards, 'the enrolment checklist');
  road.say(`Teams: "${t('enrolment:words.enroll')}" opens the checklist "${progressTitle}"`);
  await road.picture?.('enrolment-progress.png', progress);
  for (const { step, answers, slip } of enrolmentAnswers(road.reseller)) {
    const stepTitle = t(`enrolment:step.${step}.title`);
    const before = await cardsWith(page, stepTitle);
    await progress.getByRole('button', { name: t(`enrolment:choice.${step}`), exact: true }).click();
    let card = await nthCard(page, stepTitle, before + 1, `the step card "${stepTitle}"`);
    if (road.slips && slip) card = await slipOn(road, step, slip, card);
    await fillAndSave(road, card, step, road.slips && slip ? answers : { ...slip?.answers, ...answers });
    progress = await nthCard(page, progressTitle, ++progressCards, `the checklist after "${stepTitle}"`);
    road.say(`Teams: ${t(`enrolment:choice.${step}`)} saved`);
    if (road.slips && step === 'mpn-id') {
      await statusFromTheChecklist(road);
      progressCards = await cardsWith(page, progressTitle);
      progress = await nthCard(page, progressTitle, progressCards, 'the checklist, still open');
    }
  }
  await progress.getByRole('button', { name: t('enrolment:progress.submit'), exact: true }).click();
  await expectCard(page, t('enrolment:submitted.title'), 20_000, 'the submitted card');
  road.say(`Teams: ${t('enrolment:progress.submit')} → "${t('enrolment:submitted.title')}"`);
}

/**
 * `status` typed while the checklist is open answers with the status (not yet enrolled, what to do)
 * and the checklist comes back where it was (item 2), instead of "pick a step".
 */
async function statusFromTheChecklist(road: Road): Promise<void> {
  const { page, t } = road;
  const answer = t('enrolment:status.notEnrolled').split('.')[0];
  const before = await page.getByText(answer, { exact: false }).count();
  await sendMessage(page, t('enrolment:words.status'));
  const deadline = Date.now() + 20_000;
  while ((await page.getByText(answer, { exact: false }).count()) <= before) {
    if (Date.now() > deadline)
      throw new Error(`"${t('enrolment:words.status')}" inside the checklist was not answered`);
    await page.waitForTimeout(100);
  }
  road.say(`Teams: "${t('enrolment:words.status')}" typed inside the checklist: "${answer}…", and the checklist again`);
}

/** `status` once Microsoft has verified the organisation: the status card says so (item 10). */
async function statusWhenVerified(road: Road): Promise<void> {
  const { page, t } = road;
  await sendMessage(page, t('enrolment:words.status'));
  const card = await expectCard(
    page,
    t('enrolment:status.title', { company: road.reseller.name }),
    20_000,
    'the status card',
  );
  const verified = t('enrolment:status.vetting.Authorized');
  await expectVisible(card.getByText(verified, { exact: false }).first(), 5_000, `"${verified}" on the status card`);
  // API1: the two kinds of fact, each under its own heading.
  for (const heading of [t('enrolment:status.partnerCenter.title'), t('enrolment:status.reported.title')]) {
    await expectVisible(card.getByText(heading, { exact: true }).first(), 5_000, `"${heading}" on the status card`);
  }
  // Who answered the primary contact, with the day (the UTC day: a walk that crosses midnight saved it the day before).
  const answeredOn = (at: number) =>
    t('enrolment:progress.answeredBy', {
      step: t('enrolment:choice.primary-contact'),
      name: road.reseller.contactName,
      date: utcDay(new Date(at).toISOString()),
    });
  const [today, earlier] = [answeredOn(Date.now()), answeredOn(Date.now() - 5 * 60_000)];
  await expectVisible(
    card
      .getByText(today, { exact: false })
      .or(card.getByText(earlier, { exact: false }))
      .first(),
    5_000,
    `"${today}" on the status card`,
  );
  road.say(
    `Teams: "${t('enrolment:words.status')}" after verification: "${verified}", under "${t('enrolment:status.partnerCenter.title')}", apart from "${t('enrolment:status.reported.title')}", with "${today}"`,
  );
}

/**
 * `npx tsx scripts/sandbox.ts <args>`, as the README tells an operator to run it against the
 * assistant's store (its DATA_DIR); resolves with what it printed.
 */
export async function operator(road: Road, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARTNER_CENTER_MODE: 'sandbox',
    DATA_DIR: road.session.dataDir,
    LOG_LEVEL: 'silent',
  };
  delete env.REDIS_URL;
  const { stdout } = await run('npx', ['tsx', 'scripts/sandbox.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
  road.say(`operator: npx tsx scripts/sandbox.ts ${args.join(' ')}`);
  return stdout;
}

/** Microsoft verifies the organisation and its Global admin signs the MPA; the reseller hears both (E5, M4). */
export async function verifiedAndSigned(road: Road): Promise<void> {
  const { page, t } = road;
  await operator(road, 'set', road.reseller.tenantId, 'Authorized', 'None');
  const verified = t('notifications:verification.state.Authorized');
  await expectVisible(page.getByText(verified, { exact: false }).last(), 20_000, 'the verification notice');
  road.say(`Teams: told "${verified}"`);
  if (road.slips) await statusWhenVerified(road);
  await operator(road, 'sign-mpa', road.reseller.tenantId);
  const signed = t('notifications:mpa.signed', { companyName: road.reseller.name });
  await expectVisible(page.getByText(signed, { exact: false }).last(), 20_000, 'the MPA notice');
  road.say(`Teams: told "${signed}"`);
}

/** The first chat.postMessage the Slack stub received that matches, waiting for it (the outbox is asynchronous). */
export async function waitForPost(road: Road, match: (call: SlackCall) => boolean, what: string): Promise<SlackCall> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = road.slackApi.callsOf('chat.postMessage').find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not reach Slack within 20 s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** `/csp setup` by the workspace admin, who is also the one approver (P10: the distributor's own details). */
export async function setUpDistributor(road: Road): Promise<void> {
  road.say('Slack: the rep types /csp setup and fills in the modal');
  const saved = await road.slack.setUpDistributor(road.rep, road.rep, DEMO.provider);
  if (saved.json?.response_action === 'errors') throw new Error(`set-up refused: ${JSON.stringify(saved.json)}`);
  const confirmation = await waitForPost(road, (c) => c.args.channel === road.rep, 'the set-up confirmation');
  road.show('Slack', String(confirmation.args.text));
}

/** `/csp invite` for the reseller's primary contact; resolves with the invitation code (P2). */
export async function inviteReseller(road: Road): Promise<string> {
  road.say('Slack: the rep types /csp invite and fills in the modal');
  const submitted = await road.slack.invite(road.rep, {
    email: road.reseller.contactEmail,
    companyName: road.reseller.name,
    mpnId: road.reseller.mpnId,
  });
  if (submitted.json?.response_action !== 'update') {
    throw new Error(`the invitation was refused: ${JSON.stringify(submitted.json)}`);
  }
  const code = SlackDriver.codeIn(submitted.json.view);
  if (!code) throw new Error('the draft email has no invitation link');
  const body = /"initial_value":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(submitted.json.view))?.[1];
  road.say('Slack: the rep gets the draft email to copy (P2: the text may change, the link must stay)');
  if (body) road.show('email', JSON.parse(`"${body}"`) as string);
  return code;
}

/**
 * The invitation card in Teams: it arrives on its own when the assistant knows the invited company (the
 * enrolment's primary contact, or a person heard from whose own Teams account is on the invited address's
 * domain, E7); otherwise the reseller pastes the code from the link's page, as that page says.
 */
async function invitationCard(road: Road, code: string, onItsOwn: boolean): Promise<Locator> {
  const { page, t } = road;
  const title = t('partnerships:teams.card.title');
  const before = await cardsWith(page, title);
  if (onItsOwn) {
    const card = await nthCard(page, title, before + 1, 'the invitation card', 15_000).catch(() => undefined);
    if (card) {
      road.say(
        road.reseller.alreadyEnrolled
          ? 'Teams: the invitation card arrived on its own (the invited address is on the domain of the Teams account of the person who talked to the assistant)'
          : 'Teams: the invitation card arrived on its own (the invited address is the primary contact)',
      );
      return card;
    }
  }
  const typed = `${t('partnerships:teams.words.invitation')} ${code}`;
  await sendMessage(page, typed);
  road.say(`Teams: pastes the code from the link's page: "${t('partnerships:teams.words.invitation')} …"`);
  return nthCard(page, title, before + 1, 'the invitation card');
}

/** The box ticked, Authorize (P3's consent). */
async function authorizeOnCard(road: Road, card: Locator): Promise<void> {
  const { t } = road;
  const provider = DEMO.provider.name;
  await expectVisible(card.getByRole('button', { name: t('partnerships:teams.card.decline') }), 5_000, 'Decline');
  await road.picture?.('invitation.png', card);
  await card.getByRole('checkbox').first().check();
  await card.getByRole('button', { name: t('partnerships:teams.card.authorize'), exact: true }).click();
  road.say(
    `Teams: ticks "${t('partnerships:teams.card.consent', { provider })}", selects ${t('partnerships:teams.card.authorize')}`,
  );
}

/**
 * A new reseller: Authorize; the card that follows leads to Partner Center, where the reseller
 * authorises the distributor (the sandbox's stand-in page, opened from the card's button as a browser
 * opens it); back in Teams, Check now hears Partner Center confirm the partnership (P1–P3, P6).
 */
export async function authoriseInTeamsAndPartnerCenter(road: Road, code: string): Promise<Locator> {
  const { page, t } = road;
  const provider = DEMO.provider.name;
  await authorizeOnCard(road, await invitationCard(road, code, true));

  const awaiting = await expectCard(
    page,
    t('partnerships:teams.awaiting.title', { provider }),
    20_000,
    'the card leading to Partner Center',
  );
  road.say(`Teams: "${t('partnerships:teams.awaiting.title', { provider })}"`);
  // Teams opens the card's link in the browser, as Web Chat does: a new window.
  const [partnerCenter] = await Promise.all([
    page.context().waitForEvent('page', { timeout: 10_000 }),
    awaiting.getByRole('link', { name: t('partnerships:teams.awaiting.open') }).click(),
  ]);
  await partnerCenter.waitForLoadState('domcontentloaded');
  await expectVisible(
    partnerCenter.getByText(t('partnerships:standIn.title', { provider })),
    10_000,
    'the Partner Center page',
  );
  road.say(
    `browser: ${t('partnerships:teams.awaiting.open')} opens "${t('partnerships:standIn.title', { provider })}"`,
  );
  await partnerCenter.getByRole('checkbox').check();
  await partnerCenter.getByRole('button', { name: t('partnerships:standIn.authorize') }).click();
  const done = t('partnerships:standIn.done', { provider });
  await expectVisible(partnerCenter.getByText(done), 10_000, 'the Partner Center confirmation');
  road.say(`browser: ${t('partnerships:standIn.authorize')} → "${done}"`);
  await partnerCenter.close();

  await awaiting.getByRole('button', { name: t('partnerships:teams.awaiting.check'), exact: true }).click();
  const confirmed = t('partnerships:teams.confirmed', { provider });
  const told = page.getByText(confirmed, { exact: false }).last();
  await expectVisible(told, 20_000, 'the confirmation from Partner Center');
  // Said once: on the card this person pressed, or (when the periodic pass confirmed it a moment
  // before) in the notice to the organisation, with the card saying when; never both. A repeat would
  // come through the outbox within a second or two.
  await page.waitForTimeout(2_000);
  const times = await chatPane(page).getByText(confirmed, { exact: false }).count();
  if (times !== 1) throw new Error(`the confirmation is on screen ${times} times; once expected`);
  road.say(`Teams: ${t('partnerships:teams.awaiting.check')} → "${confirmed}" (once on screen)`);
  return told;
}

/** `/csp resellers`: the reseller listed with the partnership active. */
export async function listedActive(road: Road): Promise<void> {
  const answer = JSON.parse(await road.slack.slashAnswer('resellers', road.rep)) as {
    blocks: Array<Record<string, unknown>>;
  };
  const row = answer.blocks.find((b) => JSON.stringify(b).includes(road.reseller.name));
  if (!row || !JSON.stringify(row).includes(road.slackT('partnerships:state.active'))) {
    throw new Error(
      `/csp resellers does not show ${road.reseller.name} active: ${JSON.stringify(answer.blocks).slice(0, 600)}`,
    );
  }
  road.say(`Slack: /csp resellers lists ${road.reseller.name} as ${road.slackT('partnerships:state.active')}`);
}

/**
 * A reseller already in CSP (E7), as a person meets it: the invitation card arrives on its own (the
 * person talked to the assistant from an account on the invited domain); Authorize is refused while the assistant knows
 * nothing of the organisation (P1), with what to do; "We are already enrolled in CSP" with its PartnerID
 * and country (checked at Partner Center, E3); the invitation opened again and authorised: Partner
 * Center already lists the reseller with the distributor, so the card says the partnership is active.
 */
export async function authoriseAfterE7(road: Road, code: string): Promise<Locator> {
  const { page, t } = road;
  const card = await invitationCard(road, code, true);
  await authorizeOnCard(road, card);
  const enrolFirst = t('partnerships:teams.enrolFirst');
  await expectVisible(page.getByText(enrolFirst, { exact: false }).last(), 20_000, 'the refusal saying what to do');
  road.say(`Teams: refused (P1): "${enrolFirst}"`);

  const progressTitle = t('enrolment:progress.title');
  const before = await cardsWith(page, progressTitle);
  await sendMessage(page, t('enrolment:words.enroll'));
  const progress = await nthCard(page, progressTitle, before + 1, 'the enrolment checklist');
  const stepTitle = t('enrolment:step.already-enrolled.title');
  const stepCards = await cardsWith(page, stepTitle);
  await progress.getByRole('button', { name: t('enrolment:choice.already-enrolled'), exact: true }).click();
  const step = await nthCard(page, stepTitle, stepCards + 1, `the step card "${stepTitle}"`);
  await fillAndSave(road, step, 'already-enrolled', {
    mpnId: road.reseller.mpnId,
    country: road.reseller.country,
    supportEmail: `pomoc@${road.reseller.organisation.domain}`,
  });
  const done = t('enrolment:progress.alreadyEnrolledDone');
  await expectVisible(page.getByText(done, { exact: false }).last(), 20_000, 'the E7 answer');
  road.say(
    `Teams: ${t('enrolment:choice.already-enrolled')}: PartnerID ${road.reseller.mpnId}, ${road.reseller.country} → "${done}"`,
  );

  // As the refusal said: Authorize on the same card again, nothing typed twice (the Playground
  // redraws the card as the chat grows, which clears its box: ticked again, as a person would).
  await card.getByRole('checkbox').first().check();
  await card.getByRole('button', { name: t('partnerships:teams.card.authorize'), exact: true }).click();
  road.say(`Teams: ${t('partnerships:teams.card.authorize')} again on the same invitation card`);
  const authorised = t('partnerships:teams.authorised', { provider: DEMO.provider.name, who: '\u0000' }).split(
    '\u0000',
  )[0];
  const told = page.getByText(authorised, { exact: false }).last();
  await expectVisible(told, 20_000, 'the card saying the partnership is active');
  road.say(`Teams: the card now says "${authorised}…" (Partner Center already lists ${road.reseller.name})`);
  return told;
}

/** The whole road, from an empty store to an active partnership; resolves with what Teams last said of it. */
export async function walkTheRoad(road: Road): Promise<Locator> {
  await welcomed(road);
  if (road.reseller.alreadyEnrolled) {
    await setUpDistributor(road);
    const told = await authoriseAfterE7(road, await inviteReseller(road));
    await listedActive(road);
    return told;
  }
  await enrolInTeams(road);
  await verifiedAndSigned(road);
  await setUpDistributor(road);
  const code = await inviteReseller(road);
  const confirmed = await authoriseInTeamsAndPartnerCenter(road, code);
  await listedActive(road);
  return confirmed;
}
