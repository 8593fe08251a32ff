import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { customersFeature } from '../../bot/customersFeature';
import { partnershipsFeature } from '../../bot/partnershipsFeature';
import { createPartnerCenterGateway } from '../../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import { defaultRegionTable } from '../../services/rules/regionTable';
import { ConnectorStub } from '../fakes/connectorStub';
import { SlackApiStub } from '../fakes/slackApiStub';
import { postToSlack } from '../helpers/slackRequests';
import { cardSubmit, message, postActivity } from '../helpers/teamsActivities';
import { LogCapture, startTestAssistant } from '../helpers/testAssistant';
import { contosoSetup, DEMO, fresh, seedReseller } from '../partnerships/fixtures';

const TEAM = 'T0CUSTOMERS';
const APPROVER = 'U0APPROVER';
const APPROVER2 = 'U0APPROVER2';
const REP = 'U0REP';
const CHANNEL = 'C0APPROVALS';
const piotr = { tenantId: DEMO.resellerReady.tenantId, aadObjectId: 'aad-piotr', name: 'Piotr Nowak' };

describe('Customer onboarding over HTTP: Teams request, Slack approval (C3, C4, C7, P9)', () => {
  let assistant: Assistant;
  let slackApi: SlackApiStub;
  let connector: ConnectorStub;
  const logs = new LogCapture();
  let responses = 0;
  let ts = 0;

  before(async () => {
    slackApi = await new SlackApiStub().start();
    connector = await new ConnectorStub().start();
    slackApi.answer('users.info', (args) => ({ user: { id: args.user, locale: 'en-US' } }));
    slackApi.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `100.${++ts}` }));
    assistant = await startTestAssistant({
      slackApiUrl: slackApi.url,
      logs,
      features: [partnershipsFeature(), customersFeature],
    });
    const records = assistant.store.records;
    const partners = new PartnerDirectory(records);
    await seedReseller(partners, DEMO.resellerReady);
    const service = new PartnershipService({
      records,
      partners,
      regions: defaultRegionTable,
      partnerCenter: createPartnerCenterGateway({
        mode: 'sandbox',
        records,
        regionOf: (country) => {
          const found = defaultRegionTable.lookup(country);
          return found.found && found.served ? found.region : undefined;
        },
      }).gateway,
      signer: new InvitationSigner(await invitationSecret(records)),
      invitationTtlDays: 30,
    });
    const admin = { platform: 'slack' as const, userId: APPROVER };
    expect((await service.setUpProvider(TEAM, contosoSetup([APPROVER, APPROVER2], CHANNEL), admin, true)).ok).to.equal(
      true,
    );
    await partners.update(`slack:${TEAM}`, (c) => (c ? { ...c, status: { ...c.status, mpaSigned: true } } : c));
    const invited = await service.createInvitation(TEAM, { email: DEMO.resellerReady.primaryContactEmail }, admin);
    if (!invited.ok) throw new Error('invitation refused');
    const authorised = await service.authorise(invited.value.code, {
      tenantId: piotr.tenantId,
      actor: { platform: 'teams', userId: piotr.aadObjectId },
    });
    expect(authorised.ok).to.equal(true);
  });
  after(async () => {
    await assistant.close();
    await slackApi.stop();
    await connector.stop();
  });

  async function teams(activity: unknown, replies: number) {
    const before = connector.received.length;
    expect(await postActivity(assistant.url, activity)).to.equal(200);
    await connector.waitFor(before + replies);
    return connector.received
      .slice(before)
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
  }

  function click(actionId: string, value: string, user: string) {
    responses += 1;
    const method = `respond-${responses}`;
    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'distributor' },
      user: { id: user, name: user.toLowerCase(), team_id: TEAM },
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '4.5.6',
      response_url: `${slackApi.url}${method}`,
      container: { type: 'message', message_ts: '100.1', channel_id: CHANNEL },
      channel: { id: CHANNEL, name: 'approvals' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.2' }],
    };
    const response = postToSlack(assistant.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    return { response, method };
  }

  const form = (domain: string, country = 'PL') => ({
    verb: 'customers-submit',
    companyName: 'Nowy Klient sp. z o.o.',
    domain,
    country,
    adminEmail: `it@${domain}`,
    providerId: `slack:${TEAM}`,
    line1: 'ul. Prosta 1',
    city: 'Warszawa',
    'qty:CFQ7TTC0LDPB:0001': '10',
    'qty:CFQ7TTC0LH16:0001': '3',
  });

  it('shows the customer card with the provider and its offers', async () => {
    const text = await teams(message(connector.url, 'customers', piotr), 1);
    expect(text).to.include('Contoso Dystrybucja').and.include('qty:CFQ7TTC0LDPB:0001');
  });

  it('refuses a customer in another region in Teams and names the rule (C7)', async () => {
    const text = await teams(cardSubmit(connector.url, form(`klient-${fresh().slice(0, 8)}.com.br`, 'BR'), piotr), 1);
    expect(text).to.include('rule C7');
    expect(slackApi.callsOf('chat.postMessage')).to.have.length(0);
  });

  it('sends a request to the approvals channel; of two racing approvers one decides, once; the password goes only to the approver', async () => {
    const domain = `klient-${fresh().slice(0, 8)}.pl`;
    const text = await teams(cardSubmit(connector.url, form(domain), piotr), 1);
    expect(text).to.include('is with your distributor');
    await slackApi.waitFor('chat.postMessage');
    const posted = slackApi.callsOf('chat.postMessage')[0].args;
    expect(posted.channel).to.equal(CHANNEL);
    const blocks = JSON.stringify(posted.blocks);
    expect(blocks).to.include('customers.approve').and.include('Exchange Online (Plan 1)');
    const id = /"customers\.approve","style":"primary","text":\{[^}]*\},"value":"([^"]+)"/.exec(blocks)?.[1] ?? '';
    expect(id).to.not.equal('');

    const stranger = click('customers.approve', id, REP);
    expect((await stranger.response).status).to.equal(200);
    await slackApi.waitFor(stranger.method);
    expect(JSON.stringify(slackApi.callsOf(stranger.method)[0].args)).to.include('approver');

    const beforeApproval = connector.received.length;
    const a = click('customers.approve', id, APPROVER);
    const b = click('customers.approve', id, APPROVER2);
    expect((await a.response).status).to.equal(200);
    expect((await b.response).status).to.equal(200);
    await slackApi.waitFor('chat.postEphemeral');
    await slackApi.waitFor('chat.update');
    const loser = slackApi.callsOf(a.method).length ? a.method : b.method;
    await slackApi.waitFor(loser);
    expect(JSON.stringify(slackApi.callsOf(loser)[0].args)).to.include('already decided');

    const ephemerals = slackApi.callsOf('chat.postEphemeral');
    expect(ephemerals).to.have.length(1);
    const secret = /temporary password (\S+)\./.exec(String(ephemerals[0].args.text))?.[1] ?? '';
    expect(secret).to.have.length.greaterThan(7);
    expect([APPROVER, APPROVER2]).to.include(ephemerals[0].args.user);
    expect(JSON.stringify(slackApi.callsOf('chat.update')[0].args)).to.include('Approved by');

    // The reseller hears the outcome in Teams.
    await connector.waitFor(beforeApproval + 1);
    const news = connector.received
      .slice(beforeApproval)
      .map((r) => JSON.stringify(r.activity))
      .join('\n');
    expect(news).to.include('approved your request').and.not.include(secret);
    const created = (await assistant.store.records.list<{ domain?: string }>('pc:')).filter((r) =>
      String(r.value.domain ?? '').startsWith(domain.replace(/\./g, '-')),
    );
    expect(created).to.have.length(1);

    // Nowhere else: not in any record, not in the logs, not in the channel messages.
    expect(JSON.stringify(await assistant.store.records.list(''))).to.not.include(secret);
    const leaking = logs.lines.filter((l) => l.includes(secret)).map((l) => l.slice(0, 600));
    expect(leaking, leaking.join('\n')).to.deep.equal([]);
    for (const method of ['chat.postMessage', 'chat.update']) {
      expect(JSON.stringify(slackApi.callsOf(method))).to.not.include(secret);
    }
  });
});
