import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { partnershipsFeature } from '../../bot/features/partnerships';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { DEMO } from '../support/fixtures/partnerships';
import { SlackDriver } from '../support/drivers/slackDriver';
import { postToSlack, slackSignature, TEST_SIGNING_SECRET } from '../support/drivers/slackRequests';
import { REDIS_URL, requireRedis, startTestAssistant } from '../support/drivers/testAssistant';

const FAULTS_REDIS_DB = Number(process.env.TEST_JOURNEY_REDIS_DB ?? 11);
const BACKENDS = [
  { name: 'SQLite', env: {}, needsRedis: false },
  { name: 'Redis', env: { REDIS_URL: `${REDIS_URL ?? ''}/${FAULTS_REDIS_DB}` }, needsRedis: true },
];

for (const backend of BACKENDS) {
  describe(`Faults: replays and retries have one effect (issue 13 point 5), on ${backend.name}`, () => {
    let assistant: Assistant;
    let slackApi: SlackApiStub;
    let slack: SlackDriver;
    // A workspace of this run's own, so a shared Redis needs no flushing.
    const run = randomUUID().slice(0, 8).toUpperCase();
    const team = `T0FAULT${run}`;
    const approver = `U0APPROVER${run}`;

    before(async function () {
      if (backend.needsRedis) requireRedis(this);
      slackApi = await new SlackApiStub().start();
      slackApi.answer('users.info', (args) => ({ user: { id: args.user, locale: 'en-US', is_admin: true } }));
      assistant = await startTestAssistant({
        slackApiUrl: slackApi.url,
        features: [partnershipsFeature()],
        env: backend.env,
      });
      slack = new SlackDriver(assistant.url, slackApi, team, 'C0APPROVALS');
      const input = SlackDriver.input;
      const setup = await slack.viewSubmission('partnerships.setup', approver, {
        legalName: input(DEMO.provider.name),
        mpnId: input(DEMO.provider.mpnId),
        tenantId: input(DEMO.provider.tenantId),
        country: input('PL'),
        approvers: { value: { type: 'multi_users_select', selected_users: [approver] } },
        channel: { value: { type: 'conversations_select', selected_conversation: 'C0APPROVALS' } },
      });
      expect(setup.status).to.equal(200);
    });
    after(async () => {
      await assistant?.close();
      await slackApi?.stop();
    });

    it('makes one invitation from the same signed /csp invite submission delivered three times', async () => {
      const email = `replayed-${run.toLowerCase()}@northwind.example`;
      const payload = {
        type: 'view_submission',
        team: { id: team, domain: 'distributor' },
        user: { id: approver, name: 'approver', team_id: team },
        api_app_id: 'A0CSP',
        view: {
          id: 'V0INVITE',
          type: 'modal',
          callback_id: 'partnerships.invite',
          private_metadata: '',
          state: {
            values: {
              email: SlackDriver.input(email),
              companyName: SlackDriver.input(''),
              mpnId: SlackDriver.input(''),
            },
          },
        },
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const signed = slackSignature(body);
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(await postToSlack(assistant.url, body, { signed: false, headers: signed }));
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200]);
      expect(SlackDriver.codeIn(answers[0].json?.view), 'the first delivery gets the draft').to.not.equal('');
      expect(answers[1].text, 'a replay gets no second answer').to.equal('');
      const invitations = await assistant.store.records.list<{ email: string }>('partnerships:invitation:');
      expect(invitations.filter((i) => i.value.email === email)).to.have.length(1);
    });

    it('publishes the App Home once for an app_home_opened Slack retries three times (same event id)', async () => {
      const user = `U0HOME${run}`;
      const event = (eventId: string, who: string) =>
        JSON.stringify({
          type: 'event_callback',
          team_id: team,
          api_app_id: 'A0CSP',
          event_id: eventId,
          event_time: Math.floor(Date.now() / 1000),
          event: { type: 'app_home_opened', user: who, channel: 'D0HOME', tab: 'home' },
        });
      const before = slackApi.callsOf('views.publish').length;
      const retried = event(`Ev${run}`, user);
      for (let retry = 0; retry <= 3; retry++) {
        // Slack signs each retry anew, a second later, and says which retry it is.
        const headers = {
          ...slackSignature(retried, TEST_SIGNING_SECRET, Math.floor(Date.now() / 1000) + retry),
          ...(retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
        };
        const response = await postToSlack(assistant.url, retried, {
          contentType: 'application/json',
          signed: false,
          headers,
        });
        expect(response.status).to.equal(200);
      }
      // Another person's event afterwards: once both are published, nothing else is on its way.
      await postToSlack(assistant.url, event(`Ev${run}other`, `${user}B`), { contentType: 'application/json' });
      await slackApi.waitFor('views.publish', before + 2);
      const published = slackApi.callsOf('views.publish').slice(before);
      expect(published.map((c) => c.args.user_id)).to.have.members([user, `${user}B`]);
    });
  });
}
