import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SANDBOX_OFFERS } from '../../services/partnerCenter/offerCatalogue';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { removalConsequences } from '../../services/rules/partnershipEffects';
import { expectCard, expectVisible, sendMessage, shootChatPane } from '../playground/browser';
import { fillCardInput, type OfferChoice, reviewNewCustomer, SAMPLE_CUSTOMER } from '../playground/customerCards';
import { openRoad } from '../playground/openRoad';
import { readyAtAGlance } from '../playground/readyRoad';
import { FABRIKAM, operator, type Road, TAILSPIN, waitForPost, walkTheRoad } from '../playground/road';
import { type PlaygroundSession, runPlaygroundSession } from '../playground/session';

/**
 * Issue 12's journey in the Microsoft 365 Agents Playground, from an empty store, offline:
 *
 *   npm run demo:journey [-- --locale pl-PL|sv-SE|en-US] [--reseller tailspin|fabrikam] [--out <dir>]
 *                        [--customer-name <name as a person types it, e.g. 'Kowalski & Córka <PL>'>]
 *
 * The assistant on its defaults (SQLite in a new temporary directory, the Partner Center sandbox)
 * with Slack pointed at a local Web API stub. The reseller, in the Playground with a Teams client in
 * `--locale`, enrols with the checklist cards; the operator moves verification and the MPA with
 * scripts/sandbox.ts; the distributor rep sets up and invites in Slack (signed requests); the reseller
 * authorises in Teams and on the Partner Center page, and Partner Center confirms the partnership;
 * then the reseller asks for a customer with two subscriptions, the rep approves it in Slack, the
 * credentials go to the rep alone, the reseller is told, and the temporary password is in no file
 * and no channel message. At the end, Remove shows the rep P7 in full. Nothing writes the store but
 * the assistant and the operator's command.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium). Writes to --out: confirmed.png, review.png,
 * notified.png (or failure.png) and the logs. Exit 0 when every step held, 1 otherwise.
 */

const TOTAL_MS = 240_000;
const VIEWPORT = { width: 1280, height: 1100 };
const TWO_OFFERS: OfferChoice[] = [
  { offer: SANDBOX_OFFERS[1], licences: 12 },
  { offer: SANDBOX_OFFERS[4], licences: 5 },
];

const { values } = parseArgs({
  options: {
    locale: { type: 'string', default: 'pl-PL' },
    reseller: { type: 'string', default: 'tailspin' },
    out: { type: 'string' },
    'customer-name': { type: 'string' },
  },
});
const locale = values.locale ?? 'pl-PL';
const reseller = values.reseller === 'fabrikam' ? FABRIKAM : TAILSPIN;
const outDir = resolve(values.out ?? `.playground/journey-${values.reseller}-${locale}`);
/** The sample customer, with a domain no earlier run used, typed as people type it: with www. (item 7). */
const BARE_DOMAIN = `piekarnia-kowalski-${Date.now().toString(36)}.pl`;
const CUSTOMER = {
  ...SAMPLE_CUSTOMER,
  companyName: values['customer-name'] ?? SAMPLE_CUSTOMER.companyName,
  domain: `www.${BARE_DOMAIN}`,
};

async function run(session: PlaygroundSession): Promise<void> {
  const road = await openRoad(session, { clientLocale: locale, viewport: VIEWPORT, reseller });
  const { page, slackApi, slackT } = road;
  road.slips = true;
  const confirmed = await walkTheRoad(road);
  await shootChatPane(page, confirmed, join(outDir, 'confirmed.png'), VIEWPORT);
  const notice = await waitForPost(
    road,
    (c) =>
      c.args.channel === road.channel &&
      [
        slackT('partnerships:slack.notice.confirmed', { reseller: reseller.name }),
        slackT('partnerships:slack.notice.authorised', { reseller: reseller.name, who: '\u0000' }).split('\u0000')[0],
      ].some((notice) => String(c.args.text).includes(notice)),
    'the confirmation in the approvals channel',
  );
  road.show('#approvals', String(notice.args.text));

  await readyAtAGlance(road, outDir, 'refused', VIEWPORT);
  await ownCompanyRefused(road);
  await firstCustomer(road);
  await gdapForTheCustomer(road);
  await readyAtAGlance(road, outDir, 'ready', VIEWPORT);
  await removalStatesP7(road);

  // The temporary password is nowhere but in the approver's one ephemeral message.
  const ephemeral = slackApi.callsOf('chat.postEphemeral').find((c) => c.args.user === road.rep);
  const password = /temporary password (\S+)\./.exec(String(ephemeral?.args.text))?.[1];
  if (!password) throw new Error('the approver did not get the temporary password');
  await session.closeAssistant();
  const places = [...filesUnder(session.dataDir), ...filesUnder(outDir)];
  const leaks = places.filter((file) => readFileSync(file).toString('latin1').includes(password));
  if (leaks.length) throw new Error(`the temporary password was found in: ${leaks.join(', ')}`);
  if (JSON.stringify(slackApi.calls.filter((c) => c.method !== 'chat.postEphemeral')).includes(password)) {
    throw new Error('the temporary password reached a Slack channel');
  }
  session.say(`the password is in none of ${places.length} files (data directory and logs) nor in any channel message`);
}

/**
 * C8: the reseller types its own company as a customer. Its domain is the one its primary contact gave
 * at enrolment (E4) or, already in CSP (E7), the one its person's own Teams account is on (the Playground
 * reports it as Teams does), so the details card answers with the rule before anything is asked of the
 * distributor.
 */
async function ownCompanyRefused(road: Road): Promise<void> {
  const { page, t } = road;
  const ownDomain = reseller.contactEmail.split('@')[1];
  await sendMessage(page, t('customers:teams.words.customers'));
  const details = await expectCard(page, t('customers:teams.card.title'), 20_000, 'the customer details card');
  for (const [label, value] of [
    ['companyName', reseller.name],
    ['domain', ownDomain],
    ['adminEmail', `it@${BARE_DOMAIN}`],
    ['line1', CUSTOMER.line1],
    ['city', CUSTOMER.city],
    ['postalCode', CUSTOMER.postalCode],
  ])
    await fillCardInput(details, t(`customers:teams.card.${label}`), value);
  await details.getByRole('button', { name: t('customers:teams.card.next') }).click();
  const reason = t('rules:violation.C8.customer-is-partner-itself', { party: 'reseller' });
  await expectVisible(page.getByText(reason, { exact: false }).last(), 20_000, 'the C8 refusal');
  await shootChatPane(page, page.getByText(reason, { exact: false }).last(), join(outDir, 'own-company.png'), VIEWPORT);
  road.say(`Teams: ${ownDomain} as a customer is refused: “${reason}”`);
  // Some clients clear a sent card's inputs: the form comes back as typed, so only the domain is typed again.
  const domainNow = await details.getByLabel(t('customers:teams.card.domain'), { exact: false }).first().inputValue();
  if (domainNow !== ownDomain) throw new Error(`the refused form lost what was typed (domain: "${domainNow}")`);
  road.say(`Teams: the form is still filled in as typed (${domainNow}), so only the domain is changed`);
}

/** The reseller asks for a customer with two subscriptions; the rep approves; both hear of it (C3). */
async function firstCustomer(road: Road): Promise<void> {
  const { page, t, slack, slackApi } = road;
  const provider = DEMO.provider.name;
  const review = await reviewNewCustomer(page, t, CUSTOMER, TWO_OFFERS);
  await review.screenshot({ path: join(outDir, 'review.png') });
  await expectVisible(review.getByText(BARE_DOMAIN, { exact: false }).first(), 5_000, 'the bare domain on the review');
  if ((await review.innerText()).includes(CUSTOMER.domain))
    throw new Error(`the review still shows ${CUSTOMER.domain}`);
  road.say(`Teams: typed ${CUSTOMER.domain}; the review shows ${BARE_DOMAIN}`);
  const signer = `${CUSTOMER.signer.firstName} ${CUSTOMER.signer.lastName}`;
  if (!(await review.innerText()).includes(signer)) throw new Error(`the review does not show ${signer} (MCA1)`);
  road.say(`Teams: the customer agreement (MCA1) accepted by ${signer}, the admin's email prefilled, is on the review`);
  // Double-clicked, as a hurried person does: one press, one request (the double-click guard, issue 18).
  await review.getByRole('button', { name: t('customers:teams.review.submit'), exact: true }).dblclick();
  await expectVisible(
    page
      .getByText(
        t('customers:teams.submitted.new-customer', {
          company: CUSTOMER.companyName,
          provider,
          count: TWO_OFFERS.length,
        }),
      )
      .last(),
    20_000,
    'the request sent',
  );
  road.say(`Teams: Submit double-clicked; asks for ${CUSTOMER.companyName} with ${TWO_OFFERS.length} subscriptions`);
  await waitingListed(road);

  const post = await waitForPost(
    road,
    (c) => c.args.channel === road.channel && JSON.stringify(c.args).includes('customers.approve'),
    'the approval request',
  );
  const requestId = /"customers\.approve"[^}]*\}[^}]*"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(post.args))?.[1];
  if (!requestId) throw new Error(`no Approve button on the request: ${JSON.stringify(post.args).slice(0, 500)}`);
  const requests = road.slackApi
    .callsOf('chat.postMessage')
    .filter((c) => c.args.channel === road.channel && JSON.stringify(c.args).includes('customers.approve'));
  if (requests.length !== 1) throw new Error(`the double click sent ${requests.length} requests to Slack, not 1`);
  const sent = page.getByText(
    t('customers:teams.submitted.new-customer', { company: CUSTOMER.companyName, provider, count: TWO_OFFERS.length }),
  );
  if ((await sent.count()) !== 1)
    throw new Error(`the double click was answered ${await sent.count()} times, not once`);
  road.say('Slack: one approval request for the double click; Teams answered it once');
  const click = slack.buttonClick('customers.approve', requestId, road.rep, {
    from: 'message',
    messageTs: String(post.args.ts ?? '1700000000.1'),
  });
  if ((await click.response).status !== 200) throw new Error('Approve was refused');
  await slackApi.waitFor('chat.postEphemeral', 1, 20_000);
  road.say('Slack: Approve; the admin user and temporary password went to the rep alone, ephemerally');

  const told = t('customers:teams.outcome.approved.new-customer', {
    provider,
    company: CUSTOMER.companyName,
    domain: '\u0000',
    count: TWO_OFFERS.length,
  }).split('\u0000')[0];
  await expectVisible(page.getByText(told, { exact: false }).last(), 30_000, 'the approval notice in Teams');
  await page.screenshot({ path: join(outDir, 'notified.png') });
  road.say(`Teams: told "${told}…"`);

  const listing = await slack.slashAnswer('resellers', road.rep);
  if (!/customers: 1\b/.test(listing)) throw new Error(`/csp resellers does not count the customer: ${listing}`);
  const customers = await slack.clickAnswer('customers.resellerCustomers', reseller.tenantId, road.rep);
  for (const { offer, licences } of TWO_OFFERS) {
    const line = road.slackT('customers:slack.resellerCustomers.subscription', { name: offer.name, count: licences });
    if (!customers.includes(line)) throw new Error(`the reseller's customers lack "${line}": ${customers}`);
  }
  road.say('Slack: /csp resellers counts 1 customer, with both subscriptions');
}

/** The reseller types `requests` in its language: the request waits, with the customer and how long (C3, NCE1). */
async function waitingListed(road: Road): Promise<void> {
  const { page, t } = road;
  const word = t('customers:teams.words.requests');
  await sendMessage(page, word);
  const card = await expectCard(page, t('customers:teams.waiting.title', { count: 1 }), 20_000, 'the waiting requests');
  if (!(await card.innerText()).includes(CUSTOMER.companyName))
    throw new Error(`the waiting requests do not name ${CUSTOMER.companyName}`);
  await shootChatPane(page, card, join(outDir, 'waiting.png'), VIEWPORT);
  road.say(`Teams: typed "${word}"; the request for ${CUSTOMER.companyName} is listed as waiting, with its age`);
}

/**
 * G2: the new customer needs the reseller's own GDAP. `gdap` in Teams shows it without admin access; Ask
 * for GDAP has the distributor create one; the reseller consents and gets the approval link; the operator
 * approves for the customer; `gdap` shows it active, with its end date.
 */
async function gdapForTheCustomer(road: Road): Promise<void> {
  const { page, t } = road;
  await sendMessage(page, t('gdap:teams.words.gdap'));
  const card = await expectCard(page, t('gdap:teams.card.title'), 20_000, 'the GDAP card');
  await expectVisible(card.getByText(t('gdap:teams.stage.none')).first(), 5_000, 'no admin access (G2)');
  road.say(`Teams: gdap → "${t('gdap:teams.stage.none')}"`);
  await card.getByRole('button', { name: t('gdap:teams.card.ask'), exact: true }).click();
  const asking = await expectCard(page, t('gdap:teams.card.approve'), 20_000, 'the consent buttons');
  road.say(`Teams: ${t('gdap:teams.card.ask')} → ${DEMO.provider.name} created a relationship awaiting consent`);
  await asking.getByRole('button', { name: t('gdap:teams.card.approve'), exact: true }).click();
  const consented = t('gdap:teams.consented', { customer: CUSTOMER.companyName, link: '\u0000' }).split('\u0000')[0];
  await expectVisible(page.getByText(consented.slice(0, 40), { exact: false }).last(), 20_000, 'the approval link');
  road.say(`Teams: ${t('gdap:teams.card.approve')} → "${consented.slice(0, 60)}…" with the approval link`);
  await operator(road, 'gdap-approve', BARE_DOMAIN);
  await sendMessage(page, t('gdap:teams.words.gdap'));
  const active = t('gdap:teams.stage.active', { end: '\u0000' }).split('\u0000')[0];
  await expectVisible(page.getByText(active, { exact: false }).last(), 20_000, 'the relationship active');
  await page.screenshot({ path: join(outDir, 'gdap.png') });
  road.say(`Teams: gdap → "${active}…" (G1)`);
}

/** Remove next to the reseller opens a confirmation stating P7 in full; nothing is removed. */
async function removalStatesP7(road: Road): Promise<void> {
  const view = await road.slack.clickOpensView('partnerships.remove', reseller.tenantId, road.rep);
  const texts = ((view.blocks as Array<Record<string, unknown>>) ?? []).flatMap((b) => {
    const text = (b.text as { text?: string } | undefined)?.text ?? (b.label as { text?: string } | undefined)?.text;
    return text ? [text] : [];
  });
  const missing = removalConsequences()
    .map((c) => road.slackT(`rules:removal.${c.code}`))
    .filter((sentence) => !texts.some((text) => text.includes(sentence)));
  if (missing.length > 0) throw new Error(`the removal confirmation leaves out part of P7: ${missing.join(' | ')}`);
  road.say('Slack: Remove opens a confirmation stating P7 in full; nothing was removed');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

runPlaygroundSession(
  {
    name: `journey ${values.reseller} ${locale}`,
    failure: 'JOURNEY DEMO FAILED',
    done: `done: ${reseller.name}, from an empty store to an approved customer, in ${locale} (pictures and logs in ${outDir})`,
    totalMs: TOTAL_MS,
    logDir: outDir,
    workDirPrefix: 'csp-journey-demo-',
    staleFiles: ['confirmed.png', 'review.png', 'notified.png', 'gdap.png', 'failure.png'],
  },
  run,
);
