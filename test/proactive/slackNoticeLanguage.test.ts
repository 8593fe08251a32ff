import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import type { FeatureFactory } from '../../bot/features/feature';
import { FEATURES } from '../../bot/features';
import type { Notifier } from '../../bot/proactive/notifier';
import { translatorFor } from '../../i18n/i18n';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { ConnectorStub } from '../fakes/connectorStub';
import { SlackApiStub } from '../fakes/slackApiStub';
import { DEMO, freshTeam, seedReseller } from '../partnerships/fixtures';
import { postToSlack, slashCommandBody } from '../helpers/slackRequests';
import { cardSubmit, message, postActivity } from '../helpers/teamsActivities';
import { startTestAssistant } from '../helpers/testAssistant';

type Json = Record<string, unknown>;

const SWEDE = 'U0SVEN';
const POLE = 'U0POLKA';
const CHANNEL = 'C0KANALEN';
const piotr = { tenantId: DEMO.resellerReady.tenantId, aadObjectId: 'aad-piotr-sv-notices', name: 'Piotr Nowak' };

describe('Slack notices from the outbox in the reader language: a Swedish distributor reads Swedish', () => {
  const team = freshTeam();
  let assistant: Assistant;
  let slackApi: SlackApiStub;
  let connector: ConnectorStub;
  let notifier: Notifier;
  let responses = 0;

  /** Hands the test the notifier every feature uses, as a feature would get it. */
  const capture: FeatureFactory = (deps) => {
    notifier = deps.notifier;
    return { name: 'capture' };
  };

  before(async () => {
    slackApi = await new SlackApiStub().start();
    connector = await new ConnectorStub().start();
    slackApi.answer('users.info', (args) => ({
      user: { id: args.user, locale: args.user === POLE ? 'pl-PL' : 'sv-SE', is_admin: args.user === SWEDE },
    }));
    assistant = await startTestAssistant({ slackApiUrl: slackApi.url, features: [...FEATURES, capture] });
    await seedReseller(new PartnerDirectory(assistant.store.records), DEMO.resellerReady);
  });
  after(async () => {
    await assistant.close();
    await slackApi.stop();
    await connector.stop();
  });

  function interaction(payload: Json) {
    return postToSlack(assistant.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }
  const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
  function setup(user: string, values: Json) {
    return interaction({
      type: 'view_submission',
      team: { id: team, domain: 'distributor' },
      user: { id: user, name: user.toLowerCase(), team_id: team },
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '1.2.3',
      view: { id: 'V0', team_id: team, type: 'modal', callback_id: 'partnerships.setup', state: { values }, hash: 'h' },
    });
  }
  const setupValues = (language?: string): Json => ({
    legalName: input(DEMO.provider.name),
    mpnId: input(DEMO.provider.mpnId),
    tenantId: input(DEMO.provider.tenantId),
    country: input(DEMO.provider.country),
    approvers: { value: { type: 'multi_users_select', selected_users: [SWEDE, POLE] } },
    channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
    ...(language
      ? { channelLanguage: { value: { type: 'static_select', selected_option: { value: language } } } }
      : {}),
  });

  /** The first message posted to `channel` after the first `after` calls (others, such as DMs, may come between). */
  async function postedTo(channel: string, after: number): Promise<Json> {
    for (let count = after + 1; ; count++) {
      await slackApi.waitFor('chat.postMessage', count);
      const found = slackApi
        .callsOf('chat.postMessage')
        .slice(after)
        .find((c) => c.args.channel === channel);
      if (found) return found.args as Json;
    }
  }

  it('offers the language of the person running /csp setup for the channel, in Swedish', async () => {
    responses += 1;
    const body = slashCommandBody('setup', {
      team_id: team,
      user_id: SWEDE,
      response_url: `${slackApi.url}respond-${responses}`,
    });
    expect((await postToSlack(assistant.url, body)).status).to.equal(200);
    await slackApi.waitFor('views.open');
    const view = slackApi.callsOf('views.open')[0].args.view as { blocks: Json[] };
    const language = view.blocks.find((b) => b.block_id === 'channelLanguage') as Json;
    expect(JSON.stringify(language.label)).to.include(translatorFor('sv')('partnerships:slack.setup.language'));
    expect((language.element as { initial_option: { value: string } }).initial_option.value).to.equal('sv');
  });

  it('writes the authorisation notice in the channel in Swedish, with a Swedish date (P3)', async () => {
    expect((await setup(SWEDE, setupValues('sv'))).status).to.equal(200);
    await postActivity(assistant.url, message(connector.url, 'pomoc', { ...piotr, locale: 'pl-PL' }));
    const invited = await interaction({
      type: 'view_submission',
      team: { id: team, domain: 'distributor' },
      user: { id: SWEDE, name: 'sven', team_id: team },
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '1.2.3',
      view: {
        id: 'V1',
        team_id: team,
        type: 'modal',
        callback_id: 'partnerships.invite',
        state: {
          values: { email: input(DEMO.resellerReady.primaryContactEmail), companyName: input(''), mpnId: input('') },
        },
        hash: 'h',
      },
    });
    const code = decodeURIComponent(/invitations\/([A-Za-z0-9_.%-]+)/.exec(JSON.stringify(invited.json))?.[1] ?? '');
    expect(code).to.not.equal('');

    const before = slackApi.callsOf('chat.postMessage').length;
    await postActivity(
      assistant.url,
      cardSubmit(connector.url, { verb: 'invitation-authorize', code, consent: 'true' }, { ...piotr, locale: 'pl-PL' }),
    );
    const notice = await postedTo(CHANNEL, before);
    expect(String(notice.text)).to.include('har godkänt dig som sin distributör');
    expect(String(notice.text)).to.not.include('authorised you');
    const month = new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' }).format(new Date());
    expect(String(notice.text)).to.include(month).and.include('UTC');
  });

  it('writes a milestone notice in the channel in Swedish (M2, M3)', async () => {
    const before = slackApi.callsOf('chat.postMessage').length;
    await notifier.slackChannel(
      CHANNEL,
      { renderer: 'reseller.verified', params: { companyName: 'Fabrikam IT' } },
      `t:${team}:1`,
    );
    const notice = await postedTo(CHANNEL, before);
    expect(notice.text).to.equal(translatorFor('sv')('notifications:slack.verified', { companyName: 'Fabrikam IT' }));
  });

  it('writes a direct message in the reader own Slack language: Swedish for Sven, Polish for his colleague', async () => {
    let before = slackApi.callsOf('chat.postMessage').length;
    const notice = { renderer: 'reseller.mpaSigned', params: { companyName: 'Fabrikam IT' } };
    await notifier.slackUser(team, SWEDE, notice, `t:${team}:dm`);
    expect((await postedTo(SWEDE, before)).text).to.equal(
      translatorFor('sv')('notifications:slack.mpaSigned', notice.params),
    );
    before = slackApi.callsOf('chat.postMessage').length;
    await notifier.slackUser(team, POLE, notice, `t:${team}:dm`);
    expect((await postedTo(POLE, before)).text).to.equal(
      translatorFor('pl')('notifications:slack.mpaSigned', notice.params),
    );
  });

  it('lets an approver change the channel language by running /csp setup again', async () => {
    expect((await setup(POLE, setupValues('pl'))).status).to.equal(200);
    const before = slackApi.callsOf('chat.postMessage').length;
    await notifier.slackChannel(
      CHANNEL,
      { renderer: 'reseller.verified', params: { companyName: 'Fabrikam IT' } },
      `t:${team}:2`,
    );
    expect((await postedTo(CHANNEL, before)).text).to.equal(
      translatorFor('pl')('notifications:slack.verified', { companyName: 'Fabrikam IT' }),
    );
  });
});
