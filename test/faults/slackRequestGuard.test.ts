import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { SlackDriver } from '../support/drivers/slackDriver';
import { postToSlack, slackSignature, slashCommandBody, TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { startTestAssistant } from '../support/drivers/testAssistant';

const form = (payload: string) => new URLSearchParams({ payload }).toString();
const json = { contentType: 'application/json' };

/** Signed by the real secret, so only the guard (never the signature check) can refuse these. */
const malformed: Array<[string, string, { contentType?: string }]> = [
  ['a form whose payload is null', form('null'), {}],
  ['a JSON body that is null', 'null', json],
  ['a JSON body that is an array', '[1,2]', json],
  ['a form whose payload is not JSON', form('{"type":'), {}],
  ['an event that is null', JSON.stringify({ type: 'event_callback', team_id: 'T0DISTRIB', event: null }), json],
  ['a view submission without its view', form(JSON.stringify({ type: 'view_submission', user: { id: 'U0REP' } })), {}],
  ['a button click without its user', form(JSON.stringify({ type: 'block_actions', actions: [] })), {}],
  ['a slash command without its text', 'command=%2Fcsp&team_id=T0DISTRIB&user_id=U0REP&channel_id=C0', {}],
];

describe('Faults: the Slack request guard, where the input enters (issue 13 points 1, 6, 8)', () => {
  let assistant: Assistant;
  let slackApi: SlackApiStub;

  before(async () => {
    slackApi = await new SlackApiStub().start();
    slackApi.answer('users.info', (args) => ({ user: { id: args.user, locale: 'en-US' } }));
    assistant = await startTestAssistant({ slackApiUrl: slackApi.url });
  });
  after(async () => {
    await assistant.close();
    await slackApi.stop();
  });

  for (const [what, body, options] of malformed) {
    it(`answers ${what}, correctly signed, with 400 and stays up`, async () => {
      const response = await postToSlack(assistant.url, body, options);
      expect(response.status).to.equal(400);
      expect(response.text).to.not.match(/TypeError|at .*\.js/);
      expect(await new SlackDriver(assistant.url, slackApi).slashAnswer('help', 'U0REP')).to.include('/csp help');
    });
  }

  it('refuses a signed request stamped an hour ahead with 401 (five minutes either way)', async () => {
    const body = slashCommandBody('help');
    const future = slackSignature(body, TEST_SIGNING_SECRET, Math.floor(Date.now() / 1000) + 3600);
    const response = await postToSlack(assistant.url, body, { signed: false, headers: future });
    expect(response.status).to.equal(401);
  });

  it('still accepts a request stamped a minute ahead (clocks drift)', async () => {
    const body = slashCommandBody('help');
    const ahead = slackSignature(body, TEST_SIGNING_SECRET, Math.floor(Date.now() / 1000) + 60);
    const response = await postToSlack(assistant.url, body, { signed: false, headers: ahead });
    expect(response.status).to.equal(200);
  });

  it('refuses a malformed body that is not signed with 401, not 400 (nothing about it is believed)', async () => {
    const response = await postToSlack(assistant.url, 'null', { ...json, signed: false });
    expect(response.status).to.equal(401);
  });
});
