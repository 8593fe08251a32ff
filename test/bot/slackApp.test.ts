import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { SlackDriver } from '../support/drivers/slackDriver';
import { postToSlack, slackSignature, slashCommandBody, TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { startTestAssistant } from '../support/drivers/testAssistant';

describe('Slack: the distributor side, behind Bolt signature verification', () => {
  let assistant: Assistant;
  let slackApi: SlackApiStub;
  let slack: SlackDriver;

  before(async () => {
    slackApi = await new SlackApiStub().start();
    slackApi.answer('users.info', (args) => ({
      user: { id: args.user, locale: args.user === 'U0SWEDE' ? 'sv-SE' : 'en-US' },
    }));
    assistant = await startTestAssistant({ slackApiUrl: slackApi.url });
    slack = new SlackDriver(assistant.url, slackApi);
  });
  after(async () => {
    await assistant.close();
    await slackApi.stop();
  });

  it('answers a signed /csp help with 200, then what the assistant does through response_url', async () => {
    const answer = await slack.slashAnswer('help', 'U0REP');
    expect(answer).to.include('"response_type":"ephemeral"');
    expect(answer).to.include('CSP Partner Assistant for distributors');
    expect(answer).to.include('/csp help');
  });

  it('answers /csp with no words as help', async () => {
    expect(await slack.slashAnswer('', 'U0REP')).to.include('CSP Partner Assistant for distributors');
  });

  it('answers in Swedish to a Slack user whose locale is Swedish', async () => {
    expect(await slack.slashAnswer('help', 'U0SWEDE')).to.include('CSP-partnerassistenten för distributörer');
  });

  it('answers an unknown subcommand with a hint', async () => {
    const answer = JSON.parse(await slack.slashAnswer('frobnicate', 'U0REP')) as { text: string };
    expect(answer.text).to.equal('I do not know "/csp frobnicate". Type /csp help to see what I can do.');
  });

  it('asks Slack who the bot is (auth.test) once, not before every answer', async () => {
    slackApi.answer('auth.test', { user_id: 'U0BOT', bot_id: 'B0BOT' });
    for (let i = 0; i < 3; i++) {
      expect((await postToSlack(assistant.url, slashCommandBody('help'))).status).to.equal(200);
    }
    expect(slackApi.callsOf('auth.test').length).to.be.at.most(1);
  });

  it('refuses a forged signature with 401 and handles nothing', async () => {
    const body = slashCommandBody('help');
    const forged = slackSignature(body, 'not-the-signing-secret');
    const response = await postToSlack(assistant.url, body, { signed: false, headers: forged });
    expect(response.status).to.equal(401);
    expect(response.text).to.not.include('CSP Partner Assistant');
  });

  it('refuses a request with no signature with 401', async () => {
    const response = await postToSlack(assistant.url, slashCommandBody('help'), { signed: false });
    expect(response.status).to.equal(401);
  });

  it('refuses a replayed request older than five minutes with 401', async () => {
    const body = slashCommandBody('help');
    const stale = slackSignature(body, TEST_SIGNING_SECRET, Math.floor(Date.now() / 1000) - 10 * 60);
    const response = await postToSlack(assistant.url, body, { signed: false, headers: stale });
    expect(response.status).to.equal(401);
  });

  it('refuses a body tampered with after signing with 401', async () => {
    const signed = slackSignature(slashCommandBody('help'));
    const response = await postToSlack(assistant.url, slashCommandBody('remove everything'), {
      signed: false,
      headers: signed,
    });
    expect(response.status).to.equal(401);
  });

  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'challenge-token-42', token: 'x' });
    const response = await postToSlack(assistant.url, body, { contentType: 'application/json' });
    expect(response.status).to.equal(200);
    expect(response.text).to.include('challenge-token-42');
  });

  it('publishes the App Home tab when a rep opens it', async () => {
    const before = slackApi.callsOf('views.publish').length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0DISTRIB',
      api_app_id: 'A0CSP',
      event_id: 'Ev0HOME',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0REP', channel: 'D0HOME', tab: 'home' },
    });
    const response = await postToSlack(assistant.url, body, { contentType: 'application/json' });
    expect(response.status).to.equal(200);
    await slackApi.waitFor('views.publish', before + 1);
    const call = slackApi.callsOf('views.publish').at(-1);
    expect(call?.args.user_id).to.equal('U0REP');
    expect(JSON.stringify(call?.args.view)).to.include('CSP Partner Assistant');
  });
});

describe('Slack: off without credentials', () => {
  it('says the Slack side is off and keeps serving Teams', async () => {
    const assistant = await startTestAssistant();
    try {
      const response = await postToSlack(assistant.url, slashCommandBody('help'));
      expect(response.status).to.equal(404);
      expect((await fetch(`${assistant.url}/healthz`)).status).to.equal(200);
    } finally {
      await assistant.close();
    }
  });
});
