import { expect } from 'chai';
import { type Language, translatorFor } from '../../i18n/i18n';
import { DEMO, freshTeam } from '../support/fixtures/partnerships';
import { alreadyEnrolledInCsp } from '../support/drivers/partnerRoad';
import { postToSlack, slashCommandBody } from '../support/drivers/slackRequests';
import { cardSubmit, installed, message, postActivity, type TeamsUser } from '../support/drivers/teamsActivities';
import { assistantOverHttp } from '../support/drivers/journeySuite';
import { englishLeaks, readableStrings } from '../i18n/englishLeaks';
import { agreementAnswers } from '../support/drivers/customerAgreementAnswers';

type Json = Record<string, unknown>;

const pl = translatorFor('pl');
const sv = translatorFor('sv');

/** A Polish reseller in Teams (Fabrikam IT, enrolled) and a colleague of a new reseller still enrolling. */
const piotr: TeamsUser = {
  tenantId: DEMO.resellerReady.tenantId,
  aadObjectId: 'aad-piotr-pl-flows',
  name: 'Piotr Nowak',
  locale: 'pl-PL',
};
/** Fabrikam's Global admin, who answered the E7 step. */
const fabrikamAdmin: TeamsUser = {
  tenantId: DEMO.resellerReady.tenantId,
  aadObjectId: 'aad-fabrikam-admin-pl-flows',
  name: 'Marek Nowicki',
  locale: 'pl-PL',
};
const anna: TeamsUser = {
  tenantId: 'abcdef01-2345-4678-89ab-cdef01234567',
  aadObjectId: 'aad-anna-pl-flows',
  name: 'Anna Wiśniewska',
  locale: 'pl-PL',
};
/** A Swedish distributor rep in Slack: workspace admin and approver. */
const SVEN = 'U0SVENFLOW';
const CHANNEL = 'C0GODKANNANDEN';

describe('Issue 7: a Polish Teams user and a Swedish Slack user each get the whole of their flows in their language', () => {
  const team = freshTeam();
  // Every Slack user is a Swedish workspace admin.
  const world = assistantOverHttp({
    slack: { team, channel: CHANNEL, profile: () => ({ locale: 'sv-SE', is_admin: true }) },
  });
  let responses = 0;
  let ts = 0;
  let code = '';

  before(async () => {
    world.slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `200.${++ts}` }));
    // Fabrikam, already in CSP, says so in Teams (E7), in Polish: from an empty store, as its people would.
    await alreadyEnrolledInCsp(world.road, fabrikamAdmin, {
      ...DEMO.resellerReady,
      supportEmail: 'pomoc@fabrikam-it.pl',
    });
  });

  /** Fails on any English text the reader's catalog translates, and checks the reader got something. */
  function expectOnly(language: Language, rendered: string[], ...expected: string[]) {
    expect(rendered.join('\n'), 'nothing was rendered').to.not.equal('');
    expect(englishLeaks(rendered, language), 'English shown to a reader of another language').to.deep.equal([]);
    for (const text of expected) expect(rendered.join('\n')).to.include(text);
  }

  // ---- Teams ------------------------------------------------------------------------------------

  /** What the bot sent in answer (and any proactive message that arrived meanwhile), as readable strings. */
  async function teams(activity: unknown, replies = 1): Promise<string[]> {
    const before = world.connector.received.length;
    expect(await postActivity(world.assistant.url, activity)).to.equal(200);
    await world.connector.waitFor(before + replies);
    return readableStrings(world.connector.received.slice(before).map((r) => r.activity));
  }

  /** The card a reply carried, to press its buttons as Teams would. */
  const lastCard = () => world.connector.received.at(-1)?.activity.attachments?.[0]?.content as Json;

  it('finds English where a Polish or Swedish reader would see it, and not in their own data (so a pass means something)', () => {
    expect(englishLeaks(['help'], 'pl'), 'a command word').to.have.length(1);
    expect(englishLeaks(["*Subscriptions (reseller's PartnerID on record)*\n• E3"], 'sv'), 'a label').to.not.deep.equal(
      [],
    );
    expect(
      englishLeaks(['Approved by Sven at 21 Nov 2026, 14:05 UTC.'], 'sv'),
      'a text with placeholders',
    ).to.not.deep.equal([]);
    expect(
      englishLeaks(['Piotr Nowak', 'PL', 'Contoso Dystrybucja sp. z o.o.', 'PartnerID', '6789012'], 'pl'),
    ).to.deep.equal([]);
  });

  it('pl, Teams: the welcome card, and help with the Polish command words', async () => {
    expectOnly(
      'pl',
      await teams(installed(world.connector.url, piotr)),
      pl('common:welcome.title'),
      pl('common:welcome.action.enroll'),
    );
    const help = await teams(message(world.connector.url, 'pomoc', piotr));
    expectOnly('pl', help, pl('common:help.title'), pl('common:words.help'), pl('partnerships:teams.words.providers'));
  });

  it('pl, Teams: enrolment, a step answered, one refused with the rule (E2, E4)', async () => {
    expectOnly('pl', await teams(message(world.connector.url, 'rejestracja', anna)), pl('enrolment:progress.title'));
    expectOnly(
      'pl',
      await teams(cardSubmit(world.connector.url, { verb: 'continue', step: 'mpn-id' }, anna)),
      pl('enrolment:step.mpn-id.title'),
    );
    const saved = await teams(
      cardSubmit(
        world.connector.url,
        { verb: 'continue', step: 'mpn-id', enrolmentAction: 'answer', mpnId: DEMO.mpnOnly.mpnId },
        anna,
      ),
    );
    expectOnly('pl', saved, pl('enrolment:progress.answeredTitle'));
    await teams(cardSubmit(world.connector.url, { verb: 'continue', step: 'primary-contact' }, anna));
    const refused = await teams(
      cardSubmit(
        world.connector.url,
        {
          verb: 'continue',
          step: 'primary-contact',
          enrolmentAction: 'answer',
          contactName: 'Anna',
          contactEmail: 'anna@gmail.com',
        },
        anna,
      ),
    );
    expectOnly('pl', refused, '(zasada E4)');
    expectOnly('pl', await teams(message(world.connector.url, 'anuluj', anna)), pl('common:cancelled'));
  });

  it('pl, Teams: status, before enrolment and once verified (E5, M3)', async () => {
    expectOnly('pl', await teams(message(world.connector.url, 'status', anna), 2), pl('enrolment:status.notEnrolled'));
    expectOnly('pl', await teams(message(world.connector.url, 'status', piotr)), pl('enrolment:status.fact.state'));
  });

  // ---- Slack ------------------------------------------------------------------------------------

  /** A `/csp` command by Sven: the acknowledgement and whatever it leads to, as readable strings. */
  async function slash(text: string, waitFor?: string): Promise<string[]> {
    responses += 1;
    const method = `respond-${responses}`;
    const before = world.slackApi.calls.length;
    const ack = await postToSlack(
      world.assistant.url,
      slashCommandBody(text, { team_id: team, user_id: SVEN, response_url: `${world.slackApi.url}${method}` }),
    );
    expect(ack.status).to.equal(200);
    if (waitFor) await nextCall(waitFor === 'respond' ? method : waitFor, before);
    return readableStrings([ack.json ?? {}, ...world.slackApi.calls.slice(before).map((c) => c.args)]);
  }

  function interaction(payload: Json) {
    return postToSlack(world.assistant.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }
  const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const user = { id: SVEN, name: 'sven', team_id: team };
  const submitView = (callbackId: string, values: Json) =>
    interaction({
      type: 'view_submission',
      team: { id: team, domain: 'distributor' },
      user,
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '1.2.3',
      view: { id: 'V0', team_id: team, type: 'modal', callback_id: callbackId, state: { values }, hash: 'h' },
    });

  /** The first call of `method` made after the first `since` calls (to `channel`, when given). */
  async function nextCall(method: string, since: number, channel?: string): Promise<Json> {
    const earlier = world.slackApi.calls.slice(0, since).filter((c) => c.method === method).length;
    for (let count = earlier + 1; ; count++) {
      await world.slackApi.waitFor(method, count);
      const found = world.slackApi.calls
        .slice(since)
        .find((c) => c.method === method && (channel === undefined || c.args.channel === channel));
      if (found) return found.args;
    }
  }

  it('sv, Slack: /csp help', async () => {
    expectOnly(
      'sv',
      await slash('help', 'respond'),
      sv('common:slack.help.title'),
      sv('partnerships:slack.commands.setup'),
    );
  });

  it('sv, Slack: /csp setup, the modal and what is said once saved (the channel speaks Swedish)', async () => {
    expectOnly(
      'sv',
      await slash('setup', 'views.open'),
      sv('partnerships:slack.setup.title'),
      sv('partnerships:slack.setup.language'),
    );
    const before = world.slackApi.calls.length;
    const saved = await submitView('partnerships.setup', {
      legalName: input(DEMO.provider.name),
      mpnId: input(DEMO.provider.mpnId),
      tenantId: input(DEMO.provider.tenantId),
      country: input(DEMO.provider.country),
      approvers: { value: { type: 'multi_users_select', selected_users: [SVEN] } },
      channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
      channelLanguage: { value: { type: 'static_select', selected_option: { value: 'sv' } } },
    });
    expect(saved.status).to.equal(200);
    expectOnly('sv', readableStrings(await nextCall('chat.postMessage', before, SVEN)), 'Polen');
  });

  it('sv, Slack: /csp invite and the draft email; pl, Teams: the invitation card (P2, P3)', async () => {
    await teams(message(world.connector.url, 'pomoc', piotr)); // Piotr has talked to the world.assistant before
    expectOnly('sv', await slash('invite', 'views.open'), sv('partnerships:slack.invite.title'));
    const invited = await submitView('partnerships.invite', {
      email: input(DEMO.resellerReady.primaryContactEmail),
      companyName: input(DEMO.resellerReady.name),
      mpnId: input(''),
    });
    const draft = readableStrings(invited.json ?? {});
    expectOnly('sv', draft, sv('partnerships:slack.invite.draftTitle'), 'Hej');
    code = decodeURIComponent(/invitations\/([A-Za-z0-9_.%-]+)/.exec(draft.join('\n'))?.[1] ?? '');
    expect(code).to.not.equal('');

    // E7 names no primary contact to push the card to: Piotr opens it with the email's code.
    const card = await teams(message(world.connector.url, `invitation ${code}`, piotr));
    expectOnly('pl', card, pl('partnerships:teams.card.title'), pl('partnerships:teams.card.authorize'), 'Polska');
  });

  it('pl, Teams: authorising; sv, Slack: the notice in the channel (P3)', async () => {
    const before = world.slackApi.calls.length;
    const done = await teams(
      cardSubmit(world.connector.url, { verb: 'invitation-authorize', code, consent: 'true' }, piotr),
    );
    expectOnly('pl', done, 'Wpisz dystrybutorzy');
    expectOnly('sv', readableStrings(await nextCall('chat.postMessage', before, CHANNEL)), 'har godkänt dig');
  });

  it('pl, Teams: providers (the country and the date in Polish)', async () => {
    const month = new Intl.DateTimeFormat('pl-PL', { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(),
    );
    expectOnly(
      'pl',
      await teams(message(world.connector.url, 'dostawcy', piotr)),
      pl('partnerships:teams.providers.title'),
      'Polska',
      month,
    );
  });

  it('sv, Slack: /csp resellers and /csp audit', async () => {
    expectOnly('sv', await slash('resellers', 'respond'), sv('partnerships:slack.resellers.title'), 'aktiv');
    expectOnly(
      'sv',
      await slash('audit', 'respond'),
      sv('partnerships:slack.audit.title'),
      sv('partnerships:audit.invitation.accept'),
    );
  });

  // ---- Customers: Teams puts the request together, Slack decides (C3, C6, P9) -------------------

  /** Microsoft 365 E3 and Exchange Online sell up to 10 000 licences, the Azure plan one. */
  const OFFERS = { e3: 'CFQ7TTC0LFLX:0001', exchange: 'CFQ7TTC0LH16:0001', azure: 'DZH318Z0BPS6:0001' };
  const COMPANY = 'Nowy Klient sp. z o.o.';
  let draftId = '';

  /** A card button pressed by Piotr, replying to the card it was on (so the bot can replace that card). */
  const press = (value: Json) => ({
    ...cardSubmit(world.connector.url, value, piotr),
    replyToId: `card-${String(value.verb)}`,
  });
  const draftOf = (card: Json) => /"draftId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1] ?? '';
  /** The approval message of a request in the approvals channel, once the outbox has posted it. */
  async function approvalPost(id: string): Promise<Json> {
    for (;;) {
      const posts = world.slackApi.callsOf('chat.postMessage');
      const post = posts.find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args.blocks).includes(id));
      if (post) return post.args;
      await world.slackApi.waitFor('chat.postMessage', posts.length + 1);
    }
  }
  /** Sven presses Approve on the request's message: what he alone is shown, and the message as updated. */
  async function approve(id: string): Promise<{ ephemeral: string[]; updated: string[] }> {
    const clicked = world.slackApi.calls.length;
    const click = await interaction({
      type: 'block_actions',
      team: { id: team, domain: 'distributor' },
      user,
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '4.5.6',
      response_url: `${world.slackApi.url}respond-approve-${id}`,
      container: { type: 'message', message_ts: '200.1', channel_id: CHANNEL },
      channel: { id: CHANNEL, name: 'godkannanden' },
      actions: [{ type: 'button', action_id: 'customers.approve', block_id: 'b1', value: id, action_ts: '1.2' }],
    });
    expect(click.status).to.equal(200);
    const updated = readableStrings(await nextCall('chat.update', clicked));
    const ephemeral = world.slackApi.calls.slice(clicked).filter((c) => c.method === 'chat.postEphemeral');
    return { ephemeral: readableStrings(ephemeral.map((c) => c.args)), updated };
  }
  /** What reached Piotr in Teams since `before` (the outcome comes through the outbox). */
  async function toldInTeams(before: number): Promise<string[]> {
    await world.connector.waitFor(before + 1);
    return readableStrings(world.connector.received.slice(before).map((r) => r.activity));
  }
  const swedishMonth = () => new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' }).format(new Date());

  it('pl, Teams: a new customer, details → subscriptions with licence counts → review, the country named in Polish (C3, P9)', async () => {
    expectOnly('pl', await teams(message(world.connector.url, 'klienci', piotr)), pl('customers:teams.card.title'));
    expect(JSON.stringify(lastCard())).to.include('customers-offers').and.include('customers-existing');

    const offers = await teams(
      press({
        verb: 'customers-offers',
        companyName: COMPANY,
        domain: `nowy-klient-${team.toLowerCase()}.pl`,
        country: 'PL',
        adminEmail: `it@nowy-klient-${team.toLowerCase()}.pl`,
        providerId: `slack:${team}`,
        line1: 'ul. Prosta 1',
        city: 'Warszawa',
        postalCode: '00-850',
      }),
    );
    // "od 1 do 10 000 licencji", and the Azure plan's "najwyżej 1 licencja" (one licence at most).
    expectOnly('pl', offers, pl('customers:teams.offers.title', { company: COMPANY }), '10\u00a0000 licencji');
    expectOnly('pl', offers, 'Azure plan (najwyżej 1 licencja)');
    for (const id of Object.values(OFFERS)) expect(JSON.stringify(lastCard())).to.include(`qty:${id}`);
    draftId = draftOf(lastCard());
    expect(draftId).to.not.equal('');
    // MCA1: the card asks who accepted the customer agreement, in Polish, the admin email already filled in.
    expectOnly('pl', offers, pl('customers:teams.agreement.title'), pl('customers:teams.agreement.firstName'));
    const agreement = agreementAnswers(JSON.stringify(lastCard()));
    expect(agreement.mcaEmail).to.equal(`it@nowy-klient-${team.toLowerCase()}.pl`);

    // Polish has three plural forms a reader sees: 1 licencja, 3 licencje, 1200 licencji.
    const review = await teams(
      press({
        verb: 'customers-review',
        draftId,
        [`qty:${OFFERS.e3}`]: '1200',
        [`qty:${OFFERS.exchange}`]: '3',
        [`qty:${OFFERS.azure}`]: '1',
        ...agreement,
      }),
    );
    expectOnly(
      'pl',
      review,
      pl('customers:teams.review.title'),
      'Microsoft 365 E3: 1200 licencji',
      'Exchange Online (Plan 1): 3 licencje',
      'Azure plan: 1 licencja',
      '(Polska)',
      pl('customers:teams.review.check.region'),
      pl('customers:teams.review.submit'),
    );
  });

  it('pl, Teams: Submit; the review card says where it went; sv, Slack: the approval message and the App Home (C3)', async () => {
    const updates = world.connector.updated.length;
    const submitted = await teams(press({ verb: 'customers-submit', draftId }), 0);
    expect(submitted, 'said on the card, not repeated in a message').to.deep.equal([]);
    const replaced = readableStrings(world.connector.updated.slice(updates).map((u) => u.activity));
    expectOnly('pl', replaced, `${COMPANY} (3 subskrypcje)`, DEMO.provider.name);

    const posted = await approvalPost(draftId);
    expectOnly(
      'sv',
      readableStrings(posted),
      sv('customers:slack.request.kind.new-customer'),
      'Microsoft 365 E3: 1\u00a0200 licenser',
      'Azure plan: 1 licens',
      'Polen',
      sv('customers:slack.request.agreement'),
    );

    const published = world.slackApi.callsOf('views.publish').length;
    const opened = await postToSlack(
      world.assistant.url,
      JSON.stringify({
        type: 'event_callback',
        team_id: team,
        api_app_id: 'A0CSP',
        event_id: `Ev${team}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user: SVEN, channel: 'D0HOME', tab: 'home' },
      }),
      { contentType: 'application/json' },
    );
    expect(opened.status).to.equal(200);
    await world.slackApi.waitFor('views.publish', published + 1);
    const home = world.slackApi
      .callsOf('views.publish')
      .slice(published)
      .filter((c) => c.args.user_id === SVEN)
      .at(-1)?.args.view;
    // "väntar sedan 21 nov. 2026 14:05 UTC": the date in Swedish, not `2026-11-21 14:05`.
    expectOnly('sv', readableStrings(home), sv('customers:slack.home.title', { count: 1 }), 'väntar sedan');
    expect(readableStrings(home).join('\n')).to.match(new RegExp(`väntar sedan \\d+ ${swedishMonth()}`));
  });

  it('sv, Slack: Approve, the message shows the decision in Swedish; pl, Teams: the reseller hears it in Polish (C3)', async () => {
    const before = world.connector.received.length;
    const { ephemeral, updated } = await approve(draftId);
    // The credentials reach the approver alone, before the message is updated (C3).
    expectOnly('sv', ephemeral, `Kunden ${COMPANY} har skapats`);
    expectOnly('sv', updated, 'Godkänd av');
    expect(updated.join('\n')).to.match(new RegExp(`Godkänd av .+ \\d+ ${swedishMonth()} \\d{4}.+UTC`));
    expectOnly('pl', await toldInTeams(before), `${DEMO.provider.name} zatwierdził Twoją prośbę`, COMPANY);
  });

  it('pl, Teams: an existing customer, two of its subscriptions chosen for the support contact, refused on NCE with the reason (C6, NCE2)', async () => {
    const list = await teams(press({ verb: 'customers-existing' }));
    expectOnly(
      'pl',
      list,
      pl('customers:teams.existing.title'),
      pl('customers:teams.existing.kind.designated-support-contact'),
    );
    const choice = new RegExp(`"value":"(slack:${team}\\|[0-9a-f-]{36})"`).exec(JSON.stringify(lastCard()))?.[1];
    expect(choice, 'the new customer in the list').to.be.a('string');

    const subscriptions = await teams(
      press({ verb: 'customers-existing-next', customer: choice, kind: 'designated-support-contact' }),
    );
    expectOnly('pl', subscriptions, pl('customers:teams.subscriptions.title'), 'Microsoft 365 E3, 1200 licencji');
    const card = JSON.stringify(lastCard());
    const ids = [...card.matchAll(/"id":"sub:([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).to.be.at.least(2);
    const existingDraft = draftOf(lastCard());

    // NCE2: both are new-commerce subscriptions, so the review refuses the support contact, in Polish, with the reason.
    const review = await teams(
      press({ verb: 'customers-review', draftId: existingDraft, [`sub:${ids[0]}`]: 'true', [`sub:${ids[1]}`]: 'true' }),
    );
    const reason = pl('rules:violation.NCE2.support-contact-legacy-only', { offer: '\u0000' }).split('\u0000')[1];
    expectOnly('pl', review, reason);
    expect(review.join('\n').split(reason).length - 1, 'one reason per subscription').to.equal(2);
    expect(review.join('\n')).to.not.include(pl('customers:teams.review.submit'));
  });
});
