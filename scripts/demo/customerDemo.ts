import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Assistant } from '../../bot/assistant';
import { translatorFor } from '../../i18n/i18n';
import { SANDBOX_OFFERS } from '../../services/partnerCenter/offerCatalogue';
import { keys } from '../../services/partnerCenter/sandboxRecords';
import { SlackApiStub } from '../../test/fakes/slackApiStub';
import { SlackDriver } from '../../test/helpers/slackDriver';
import { TEST_SIGNING_SECRET } from '../../test/helpers/slackRequests';
import { contosoSetup, DEMO, seedReseller } from '../../test/partnerships/fixtures';
import { expectCard, expectVisible } from '../playground/browser';
import { type OfferChoice, reviewNewCustomer, SAMPLE_CUSTOMER } from '../playground/customerCards';
import { partnershipsOf, playgroundUser } from '../playground/partnerships';
import { type PlaygroundSession, runPlaygroundSession } from '../playground/session';

/**
 * Issue 6's "Done when", end to end and offline:
 *
 *   npm run demo:customer [-- --out .playground/customer-demo]
 *
 * 1. In the Microsoft 365 Agents Playground (headless Chromium), the reseller types `customers`, fills
 *    in a new customer, picks two offers with licence counts, reviews and submits.
 * 2. The request reaches the distributor's approvals channel (a local Slack Web API stub, through the
 *    durable outbox); an approver presses Approve (a signed Slack interaction, as Slack sends it).
 * 3. The approver alone gets the admin user name and temporary password (ephemeral); the reseller is
 *    told in the Playground.
 * 4. `/csp resellers` shows the customer under the reseller, with its subscriptions one click away.
 * 5. The data directory and every log are scanned: the temporary password is in none of them.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium). Writes to --out: review.png, notified.png (or
 * failure.png) and the logs. Exit 0 when every step held, 1 otherwise; whatever it started is
 * stopped either way, and the whole run is bounded (TOTAL_MS).
 */

const TOTAL_MS = 180_000;
const VIEWPORT = { width: 1280, height: 1100 };
const TEAM = 'T0DEMO';
const APPROVER = 'U0APPROVER';
const CHANNEL = 'C0APPROVALS';
/** The sample customer, with a domain no earlier run used. */
const CUSTOMER = { ...SAMPLE_CUSTOMER, domain: `piekarnia-kowalski-${Date.now().toString(36)}.pl` };
const TWO_OFFERS: OfferChoice[] = [
  { offer: SANDBOX_OFFERS[1], licences: 12 },
  { offer: SANDBOX_OFFERS[4], licences: 5 },
];

/** A person in the Playground's organisation: given name, surname, Entra object id. */
type PlaygroundPerson = [givenName: string, surname: string, aadObjectId: string];
const CURRENT_USER: PlaygroundPerson = ['Ola', 'Wójcik', '2d1f0c9e-3b8a-4e57-a1f6-0c4d9e8b7a20'];
const COLLEAGUES: PlaygroundPerson[] = [
  ['Marek', 'Nowicki', '5a7e9c1b-2f3d-4c6e-8b9a-1d0e2f3a4b21'],
  ['Ewa', 'Zielińska', '6b8f0d2c-3e4a-4d7f-9c0b-2e1f3a4b5c22'],
  ['Tomasz', 'Lis', '7c9a1e3d-4f5b-4e80-8d1c-3f2a4b5c6d23'],
  ['Anna', 'Kaczmarek', '8d0b2f4e-5a6c-4f91-9e2d-4a3b5c6d7e24'],
  ['Piotr', 'Mazur', '9e1c3a5f-6b7d-4a02-8f3e-5b4c6d7e8f25'],
];

/** One user entry of the Playground's config, its lines indented by `indent`. */
function configUser(index: number, [givenName, surname, aadObjectId]: PlaygroundPerson, indent: string): string {
  const email = `${givenName}.${surname}@tailspintoys.pl`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');
  return [
    `id: user-id-${index}`,
    `name: ${givenName} ${surname}`,
    `userPrincipleName: ${email}`,
    `aadObjectId: ${aadObjectId}`,
    `givenName: ${givenName}`,
    `surname: ${surname}`,
    `email: ${email}`,
  ]
    .map((line) => `${indent}${line}`)
    .join('\n');
}

/** The Playground's Teams context (its config file format 0.1.1, which wants five colleagues): one reseller organisation. */
const PLAYGROUND_TENANT = '8f3c2a51-6d4e-4b7a-9c10-5e2f7a9b3d64';
const PLAYGROUND_CONFIG = `version: "0.1.1"
tenantId: ${PLAYGROUND_TENANT}
bot:
  id: 00000000-0000-4000-8000-000000000011
  name: CSP Partner Assistant
currentUser:
${configUser(0, CURRENT_USER, '  ')}
users:
${COLLEAGUES.map((user, i) => configUser(i + 1, user, '    ').replace(/^ {3}/, '  -')).join('\n')}
personalChat:
  id: personal-chat-demo
groupChat:
  id: group-chat-demo
  name: Group Chat
team:
  id: team-id
  name: Tailspin Toys
  aadGroupId: 00000000-0000-4000-8000-000000000031
  channels:
    - id: channel-general-id
      name: General
`;

const { values } = parseArgs({ options: { out: { type: 'string', default: '.playground/customer-demo' } } });
const outDir = resolve(values.out ?? '.playground/customer-demo');
const en = translatorFor('en');
let session: PlaygroundSession;
const say = (message: string) => session.say(message);
let slackApi: SlackApiStub | undefined;

async function run(started: PlaygroundSession): Promise<void> {
  session = started;
  const dataDir = session.dataDir;

  // The distributor's Slack: a local Web API that records every call and answers like Slack.
  slackApi = await new SlackApiStub().start();
  const stub = slackApi;
  session.onCleanup(() => stub.stop());
  let ts = 0;
  slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `1700000000.${++ts}` }));
  slackApi.answer('users.info', (args) => ({ user: { id: args.user, locale: 'en-US' } }));

  const assistant = await session.startAssistant({
    LOG_LEVEL: 'debug',
    OUTBOX_POLL_MS: '100',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-demo-token',
    SLACK_API_URL: slackApi.url,
  });
  say(`assistant ready on ${assistant.url} (Slack API stub on ${slackApi.url})`);

  // The Playground's own default tenant id is not a GUID, which Partner Center ids are: the reseller's
  // organisation gets a real-looking one, and its Global admin a name.
  writeFileSync(join(session.workDir, '.m365agentsplayground.yml'), PLAYGROUND_CONFIG);
  const playground = await session.startPlayground();
  const page = await session.openPage(VIEWPORT);
  say(`Agents Playground on ${playground.url}, Chromium ${session.browser?.version()}`);
  await expectCard(page, en('common:welcome.title'), 30_000, 'the welcome card');

  await partnerThePlaygroundTenant(assistant);
  say('Contoso is set up in Slack; the Playground organisation is its partnered reseller');

  // 1. The reseller puts the request together in the Playground.
  const review = await reviewNewCustomer(page, en, CUSTOMER, TWO_OFFERS);
  await review.screenshot({ path: join(outDir, 'review.png') });
  await review.getByRole('button', { name: en('customers:teams.review.submit'), exact: true }).click();
  await expectVisible(
    page.getByText(en('customers:teams.review.sent', { provider: DEMO.provider.name })).last(),
    20_000,
    'the review card saying the request was sent',
  );
  say(`submitted from the Playground: ${CUSTOMER.companyName} with ${TWO_OFFERS.length} offers`);

  // 2. The request in the approvals channel (the outbox posts it), then Approve, signed as Slack signs.
  await slackApi.waitFor('chat.postMessage', 1, 20_000);
  const post = slackApi.callsOf('chat.postMessage').find((c) => c.args.channel === CHANNEL);
  const requestId = /"customers\.approve"[^}]*\}[^}]*"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(post?.args))?.[1];
  if (!requestId) throw new Error(`no approval message in ${CHANNEL}: ${JSON.stringify(post?.args).slice(0, 500)}`);
  for (const { offer, licences } of TWO_OFFERS) {
    const line = en('customers:slack.request.subscription', { name: offer.name, count: licences });
    if (!JSON.stringify(post?.args.blocks).includes(line)) throw new Error(`the approval message lacks "${line}"`);
  }
  say(`the request is in the approvals channel (${requestId})`);
  const slack = new SlackDriver(assistant.url, slackApi, TEAM, CHANNEL);
  const approval = slack.buttonClick('customers.approve', requestId, APPROVER, {
    from: 'message',
    messageTs: '1700000000.1',
  });
  if ((await approval.response).status !== 200) throw new Error('Approve was refused');
  await slackApi.waitFor('chat.postEphemeral', 1, 20_000);
  const ephemeral = slackApi.callsOf('chat.postEphemeral')[0].args;
  const password = /temporary password (\S+)\./.exec(String(ephemeral.text))?.[1];
  if (!password || ephemeral.user !== APPROVER) throw new Error('the credentials did not go to the approver alone');
  say(`approved: the credentials went to ${APPROVER} only, ephemerally`);

  // 3. The reseller is told, in the Playground.
  const notified = page.getByText(en('customers:teams.outcome.approved.new-customer', outcomeParams()).slice(0, 60));
  await expectVisible(notified.last(), 30_000, 'the approval notice in the Playground');
  await page.screenshot({ path: join(outDir, 'notified.png') });
  say('the reseller was notified in the Playground');

  // 4. The customer under the reseller in /csp resellers, its subscriptions one click away.
  const listing = await slack.slashAnswer('resellers', APPROVER);
  if (!/customers: 1\b/.test(listing)) throw new Error(`/csp resellers does not count the customer: ${listing}`);
  const customers = await slack.clickAnswer('customers.resellerCustomers', await tenant(), APPROVER);
  for (const { offer, licences } of TWO_OFFERS) {
    const line = en('customers:slack.resellerCustomers.subscription', { name: offer.name, count: licences });
    if (!customers.includes(line)) throw new Error(`the reseller's customers lack "${line}": ${customers}`);
  }
  say('/csp resellers shows 1 customer for the reseller, with both subscriptions');

  // 5. The password is nowhere but in that one ephemeral message.
  await session.closeAssistant();
  const places = [...filesUnder(dataDir), ...filesUnder(outDir)];
  const leaks = places.filter((file) => readFileSync(file).toString('latin1').includes(password));
  if (leaks.length) throw new Error(`the temporary password was found in: ${leaks.join(', ')}`);
  const slackCalls = JSON.stringify(slackApi.calls.filter((c) => c.method !== 'chat.postEphemeral'));
  if (slackCalls.includes(password)) throw new Error('the temporary password reached a Slack channel');
  say(`the password is in none of ${places.length} files (data directory and logs) nor in any channel message`);
}

/** The Playground organisation, remembered with the Playground user's conversation. */
async function tenant(): Promise<string> {
  if (!session.assistant) throw new Error('the assistant is not running');
  return (await playgroundUser(session.assistant)).tenantId;
}

const outcomeParams = () => ({
  provider: DEMO.provider.name,
  company: CUSTOMER.companyName,
  domain: '',
  count: TWO_OFFERS.length,
});

/**
 * Contoso set up as the distributor of this Slack workspace; the Playground's organisation enrolled
 * as an indirect reseller (the sandbox's Tailspin Toys MPN profile), MPA signed, partnered with Contoso.
 */
async function partnerThePlaygroundTenant(running: Assistant): Promise<void> {
  const tenantId = await tenant();
  say(`Playground tenant: ${tenantId}`);
  const { records, partners, partnerCenter, service } = await partnershipsOf(running);
  const approver = { platform: 'slack' as const, userId: APPROVER, name: 'Jan Wiśniewski' };
  const setup = await service.setUpProvider(TEAM, contosoSetup([APPROVER], CHANNEL), approver, true);
  if (!setup.ok) throw new Error(`could not set up the provider: ${JSON.stringify(setup.refusal)}`);
  // Contoso has signed the MPA (M1); set-up alone leaves it unconfirmed.
  await partners.update(`slack:${TEAM}`, (p) => (p ? { ...p, status: { ...p.status, mpaSigned: true } } : p));

  // In Partner Center: the Playground organisation enrols with the MPN profile free for demos and signs the MPA.
  const reseller = {
    name: DEMO.mpnOnly.partnerName,
    country: DEMO.mpnOnly.country,
    mpnId: DEMO.mpnOnly.mpnId,
    primaryContactEmail: 'ola.wojcik@tailspintoys.pl',
  };
  await partnerCenter.gateway.as(tenantId).submitEnrolment({
    mpnId: reseller.mpnId,
    legalName: reseller.name,
    country: reseller.country,
    primaryContactEmail: reseller.primaryContactEmail,
  });
  await partnerCenter.sandboxControls?.signMpa(tenantId);
  // Partner Center records the relationship when the reseller accepts there (P3); the sandbox has no
  // call for that, so it is written as Partner Center would hold it.
  await records.compareAndSet(keys.relationship(DEMO.provider.tenantId, tenantId), undefined, {
    providerTenantId: DEMO.provider.tenantId,
    resellerTenantId: tenantId,
    state: 'Active',
    since: new Date().toISOString(),
  });

  // In the assistant: the reseller as enrolment leaves it, then its authorisation of Contoso (P2, P3).
  await seedReseller(partners, { ...reseller, tenantId }, { tenantId });
  const invited = await service.createInvitation(TEAM, { email: reseller.primaryContactEmail }, approver);
  if (!invited.ok) throw new Error(`the invitation was refused: ${JSON.stringify(invited.refusal)}`);
  const authorised = await service.authorise(invited.value.code, {
    tenantId,
    actor: { platform: 'teams', userId: 'playground-user' },
  });
  if (!authorised.ok) throw new Error(`the reseller could not authorise Contoso: ${JSON.stringify(authorised)}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

runPlaygroundSession(
  {
    name: 'customer demo',
    failure: 'CUSTOMER DEMO FAILED',
    done: `done: every step held (pictures and logs in ${outDir})`,
    totalMs: TOTAL_MS,
    logDir: outDir,
    workDirPrefix: 'csp-customer-demo-',
    staleFiles: ['review.png', 'notified.png', 'failure.png'],
  },
  run,
);
