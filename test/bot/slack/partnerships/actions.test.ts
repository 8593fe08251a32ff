// Unit tests of bot/slack/partnerships/actions.ts over fakes: the refusals it shares with the customers listeners.
import { expect } from 'chai';
import sinon from 'sinon';
import { registerActions } from '../../../../bot/slack/partnerships/actions';
import type { SlackPartnerships } from '../../../../bot/slack/partnerships';
import { ACTION } from '../../../../cards/slack/partnerships/ids';
import { translatorFor } from '../../../../i18n/i18n';
import { buttonBody, fakeApp, fakeClient, TEAM } from '../fakeSlack';

const NOT_APPROVER = 'Only the approvers named in /csp setup may do this.';

describe('Slack partnerships actions (bot/slack/partnerships/actions.ts)', () => {
  function setUp() {
    const { app, actions } = fakeApp();
    const stubs = {
      service: {
        isApprover: sinon.stub().resolves(true),
        getPartnership: sinon.stub().resolves(undefined),
        listResellers: sinon.stub().resolves([]),
        invitations: { revokeInvitation: sinon.stub(), resendInvitation: sinon.stub() },
      },
      languages: { translatorFor: sinon.stub().resolves(translatorFor('en')) },
      people: { actor: sinon.stub().resolves({ platform: 'slack', userId: 'U0APPROVER' }) },
      logger: { warn: sinon.stub(), error: sinon.stub() },
      deliverInvitationToTeams: sinon.stub().resolves(),
    };
    registerActions(app, stubs as unknown as SlackPartnerships);
    const client = fakeClient();
    const ack = sinon.stub().resolves();
    const respond = sinon.stub().resolves();
    const press = async (id: string, value: string) => {
      const body = buttonBody(value);
      await actions.get(id)?.({ ack, body, action: body.actions[0], client, respond });
    };
    return { stubs, client, ack, respond, press };
  }

  it('Remove: acks first, then tells a rep who is not an approver, only them, that they may not (P7)', async () => {
    const { stubs, client, ack, respond, press } = setUp();
    stubs.service.isApprover.resolves(false);
    await press(ACTION.remove, 'tenant-fabrikam');
    sinon.assert.callOrder(ack, stubs.service.isApprover);
    expect(respond.firstCall.args[0]).to.include({ response_type: 'ephemeral', replace_original: false });
    expect(respond.firstCall.args[0].text).to.include(NOT_APPROVER);
    sinon.assert.notCalled(client.views.open);
  });

  it('Remove: opens the P7 modal for an active partnership', async () => {
    const { stubs, client, press } = setUp();
    stubs.service.getPartnership.resolves({ state: 'active' });
    await press(ACTION.remove, 'tenant-fabrikam');
    sinon.assert.calledWith(stubs.service.isApprover, TEAM, 'U0APPROVER');
    expect(client.views.open.firstCall.args[0].view).to.include({ private_metadata: 'tenant-fabrikam' });
  });

  it('Revoke: words the service’s refusal as the customers listeners do', async () => {
    const { stubs, respond, press } = setUp();
    stubs.service.invitations.revokeInvitation.resolves({
      ok: false,
      refusal: { kind: 'access', code: 'not-approver' },
    });
    await press(ACTION.revoke, 'inv-1');
    expect(respond.firstCall.args[0].text).to.include(NOT_APPROVER);
  });
});
