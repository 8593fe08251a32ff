import { expect } from 'chai';
import { partnershipsFeature } from '../../bot/features/partnerships';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { SlackDriver } from '../support/drivers/slackDriver';
import { assistantOverHttp, englishWorkspace } from '../support/drivers/journeySuite';

const TEAM = 'T0MODALS';
const ADMIN = 'U0MODADMIN';
const CHANNEL = 'C0MODALS';

type Json = Record<string, unknown>;
const input = SlackDriver.input;

describe('Slack: the set-up and invite modals mark every wrong field at once (P2, P6)', () => {
  const world = assistantOverHttp({
    slack: { team: TEAM, channel: CHANNEL, profile: englishWorkspace(ADMIN) },
    features: [partnershipsFeature()],
  });

  const setupValues = (fields: Record<string, string>, withPeople = true) => ({
    legalName: input(fields.legalName ?? DEMO.provider.name),
    mpnId: input(fields.mpnId ?? DEMO.provider.mpnId),
    tenantId: input(fields.tenantId ?? DEMO.provider.tenantId),
    country: input(fields.country ?? 'PL'),
    approvers: { value: { type: 'multi_users_select', selected_users: withPeople ? [ADMIN] : [] } },
    channel: { value: { type: 'conversations_select', selected_conversation: withPeople ? CHANNEL : '' } },
  });

  it('returns an error for every wrong field of the set-up modal in one answer', async () => {
    const response = await world.slack.viewSubmission(
      'partnerships.setup',
      ADMIN,
      setupValues({ legalName: '', mpnId: 'abc', tenantId: 'not-a-tenant', country: 'Polska' }, false),
    );
    expect(response.json?.response_action).to.equal('errors');
    const errors = response.json?.errors as Json;
    expect(Object.keys(errors).sort()).to.deep.equal(
      ['approvers', 'channel', 'country', 'legalName', 'mpnId', 'tenantId'].sort(),
    );
    expect(errors.legalName).to.be.a('string').and.not.equal('');
  });

  it('names a country outside the region table beside the other wrong fields (P6)', async () => {
    const response = await world.slack.viewSubmission(
      'partnerships.setup',
      ADMIN,
      setupValues({ legalName: '', country: 'XX' }),
    );
    const errors = response.json?.errors as Json;
    expect(Object.keys(errors).sort()).to.deep.equal(['country', 'legalName']);
    expect(errors.country).to.include('not in the CSP region table (rule P6)');
  });

  it('returns an error for every wrong field of the invite modal in one answer', async () => {
    const setup = await world.slack.viewSubmission('partnerships.setup', ADMIN, setupValues({}));
    expect(setup.status).to.equal(200);
    const response = await world.slack.viewSubmission('partnerships.invite', ADMIN, {
      email: input('not-an-email'),
      companyName: input(''),
      mpnId: input('abc'),
    });
    expect(response.json?.response_action).to.equal('errors');
    expect(Object.keys(response.json?.errors as Json).sort()).to.deep.equal(['email', 'mpnId']);
  });
});
