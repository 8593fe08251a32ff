// Unit tests of bot/slack/customers/actions.ts: each button's listener alone, over fakes (issue 14 item 4).
import { expect } from 'chai';
import sinon from 'sinon';
import { registerActions } from '../../../../bot/slack/customers/actions';
import { CUSTOMER_ACTION, CUSTOMER_CALLBACK } from '../../../../cards/slack/customers/ids';
import { APPROVER, decidedByMaria, buttonBody, pendingRequest, registered, TEAM } from './fakeSlack';

const NOT_APPROVER = 'Only the approvers named in /csp setup may do this.';

/** The customers buttons, called as Bolt calls them: fake ack, respond and client, a block action's body. */
describe('Slack customers actions (bot/slack/customers/actions.ts)', () => {
  function setUp() {
    const { actions, stubs, client, ack, respond } = registered(registerActions);
    /** Presses the button `id` with `value`, from a message or from the App Home. */
    const press = async (id: string, value: string, from: 'message' | 'home' = 'message') => {
      const listener = actions.get(id);
      if (!listener) throw new Error(`no listener for ${id}`);
      const body = buttonBody(value, from);
      await listener({ ack, body, action: body.actions[0], client, respond });
    };
    return { stubs, client, ack, respond, press };
  }

  it('registers Approve, Reject and a reseller’s Customers', () => {
    const { actions } = registered(registerActions);
    expect([...actions.keys()]).to.have.members(Object.values(CUSTOMER_ACTION));
  });

  describe('Approve', () => {
    it('records the click, acks, then asks the service to approve as the rep who clicked, and lets the record go after (issue 18)', async () => {
      const { stubs, ack, press } = setUp();
      stubs.decisions.approve.resolves({ ok: true, request: pendingRequest({ state: 'approved' }), value: undefined });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      expect(ack.calledOnce).to.equal(true);
      sinon.assert.callOrder(
        stubs.accepted.record,
        ack,
        stubs.languages.translatorFor,
        stubs.decisions.approve,
        stubs.accepted.done,
      );
      sinon.assert.calledWith(stubs.accepted.record, sinon.match({ requestId: 'req-1', userId: APPROVER.id }));
      sinon.assert.calledWith(stubs.decisions.approve, TEAM, 'req-1', sinon.match({ userId: APPROVER.id }));
    });

    it('acks all the same when the click cannot be recorded, and still approves (a lost record beats a lost click)', async () => {
      const { stubs, ack, press } = setUp();
      stubs.accepted.record.rejects(new Error('store down'));
      stubs.decisions.approve.resolves({ ok: true, request: pendingRequest({ state: 'approved' }), value: undefined });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledOnce(ack);
      sinon.assert.calledOnce(stubs.decisions.approve);
      sinon.assert.calledOnce(stubs.logger.warn);
    });

    it('answers a second click while the first one’s approval waits or runs with who is approving it, at once, and approves once (issue 18)', async () => {
      const { stubs, ack, respond, press } = setUp();
      let finish: () => void = () => {};
      stubs.decisions.approve.callsFake(
        () =>
          new Promise((resolve) => {
            finish = () => resolve({ ok: true, request: pendingRequest({ state: 'approved' }), value: undefined });
          }),
      );
      const first = press(CUSTOMER_ACTION.approve, 'req-1');
      await new Promise((resolve) => setImmediate(resolve));
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledTwice(ack);
      sinon.assert.calledOnce(respond);
      expect(respond.firstCall.args[0]).to.include({ response_type: 'ephemeral' });
      expect(respond.firstCall.args[0].text).to.include('Jan Wiśniewski is already approving this request');
      finish();
      await first;
      sinon.assert.calledOnce(stubs.decisions.approve);
      sinon.assert.calledOnce(stubs.accepted.record);
    });

    it('tells a rep who is not an approver, only them, that they may not', async () => {
      const { stubs, client, respond, press } = setUp();
      stubs.decisions.approve.resolves({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledOnce(respond);
      const answer = respond.firstCall.args[0];
      expect(answer).to.include({ response_type: 'ephemeral', replace_original: false });
      expect(answer.text).to.include(NOT_APPROVER);
      sinon.assert.notCalled(stubs.afterDecision);
      sinon.assert.notCalled(client.chat.postMessage);
    });

    it('draws the channel message again when Partner Center refuses the reseller as partner of record at Approve (R1, R2)', async () => {
      const { stubs, respond, press } = setUp();
      const kept = pendingRequest({
        message: { channel: 'C0APPROVALS', ts: '1.2' },
        partnerOfRecord: {
          at: '2026-12-03T10:00:00.000Z',
          partnerId: '2345678',
          valid: false,
          errorCode: '900400',
          cause: 'R2.compliance',
        },
      });
      const refusal = {
        kind: 'rules' as const,
        violations: [{ rule: 'R2' as const, code: 'R2.compliance', facts: {} }],
        options: [],
      };
      stubs.decisions.approve.resolves({ ok: false, request: kept, refusal });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledOnce(respond);
      sinon.assert.calledOnceWithExactly(stubs.redraw, sinon.match.any, kept);
      sinon.assert.notCalled(stubs.afterDecision);
    });

    it('tells who decided first when the request was already decided', async () => {
      const { stubs, respond, press } = setUp();
      const decided = decidedByMaria('rejected');
      stubs.decisions.approve.resolves({ ok: false, decided });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      expect(respond.firstCall.args[0].text).to.include('already decided').and.include('Maria Nowak');
    });

    it('shows a new customer’s credentials to the approving rep alone, in the approvals channel (C3)', async () => {
      const { stubs, client, respond, press } = setUp();
      const approved = pendingRequest({ state: 'approved', message: { channel: 'C0APPROVALS', ts: '1.2' } });
      const credentials = { adminUserName: 'admin@nowyklient.onmicrosoft.com', temporaryPassword: 'Tmp-Pass-1' };
      stubs.decisions.approve.resolves({ ok: true, request: approved, value: credentials });
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledOnce(client.chat.postEphemeral);
      const shown = client.chat.postEphemeral.firstCall.args[0];
      expect(shown).to.include({ channel: 'C0APPROVALS', user: APPROVER.id });
      expect(shown.text).to.include('Tmp-Pass-1');
      sinon.assert.notCalled(client.chat.postMessage);
      sinon.assert.notCalled(respond);
      sinon.assert.calledOnceWithExactly(stubs.afterDecision, client, approved);
    });

    it('from the App Home, says where the credentials are, in a direct message (C3)', async () => {
      const { stubs, client, press } = setUp();
      const approved = pendingRequest({ state: 'approved', message: { channel: 'C0APPROVALS', ts: '1.2' } });
      const credentials = { adminUserName: 'admin@nowyklient.onmicrosoft.com', temporaryPassword: 'Tmp-Pass-1' };
      stubs.decisions.approve.resolves({ ok: true, request: approved, value: credentials });
      await press(CUSTOMER_ACTION.approve, 'req-1', 'home');
      const told = client.chat.postMessage.firstCall.args[0];
      expect(told.channel).to.equal(APPROVER.id);
      expect(told.text).to.include('<#C0APPROVALS>').and.not.include('Tmp-Pass-1');
    });

    it('logs a failure and answers nothing wrong (the click is already acked)', async () => {
      const { stubs, ack, respond, press } = setUp();
      stubs.decisions.approve.rejects(new Error('store down'));
      await press(CUSTOMER_ACTION.approve, 'req-1');
      sinon.assert.calledOnce(ack);
      sinon.assert.calledOnce(stubs.logger.error);
      sinon.assert.notCalled(respond);
    });
  });

  describe('Reject', () => {
    it('acks first, then tells a rep who is not an approver that they may not, and opens nothing', async () => {
      const { stubs, client, ack, respond, press } = setUp();
      stubs.partnerships.isApprover.resolves(false);
      await press(CUSTOMER_ACTION.reject, 'req-1');
      sinon.assert.callOrder(ack, stubs.partnerships.isApprover);
      expect(respond.firstCall.args[0].text).to.include(NOT_APPROVER);
      sinon.assert.notCalled(client.views.open);
      sinon.assert.notCalled(stubs.requests.get);
    });

    it('from the App Home, the refusal comes as a direct message to that rep', async () => {
      const { stubs, client, respond, press } = setUp();
      stubs.partnerships.isApprover.resolves(false);
      await press(CUSTOMER_ACTION.reject, 'req-1', 'home');
      sinon.assert.notCalled(respond);
      expect(client.chat.postMessage.firstCall.args[0]).to.include({ channel: APPROVER.id });
      expect(client.chat.postMessage.firstCall.args[0].text).to.include(NOT_APPROVER);
    });

    it('opens the reason modal for a pending request, with the request in private_metadata', async () => {
      const { stubs, client, press } = setUp();
      stubs.requests.get.resolves(pendingRequest());
      await press(CUSTOMER_ACTION.reject, 'req-1');
      sinon.assert.calledOnce(client.views.open);
      const { trigger_id, view } = client.views.open.firstCall.args[0];
      expect(trigger_id).to.equal('trigger-1');
      expect(view).to.include({ callback_id: CUSTOMER_CALLBACK.reject, private_metadata: 'req-1' });
    });
  });

  describe('a reseller’s Customers', () => {
    it('acks first, then refuses when there is no active partnership with that reseller', async () => {
      const { stubs, ack, respond, press } = setUp();
      await press(CUSTOMER_ACTION.resellerCustomers, 'tenant-fabrikam');
      sinon.assert.callOrder(ack, stubs.partnerships.getProviderBySlackTeam);
      expect(respond.firstCall.args[0].text).to.include('no active partnership');
      sinon.assert.notCalled(stubs.resellerCustomers.of);
    });

    it('lists the customers Partner Center has for that reseller, to the rep alone', async () => {
      const { stubs, respond, press } = setUp();
      stubs.partnerships.getProviderBySlackTeam.resolves({ partner: { id: 'provider-contoso' } });
      stubs.partnerships.getPartnership.resolves({ state: 'active' });
      stubs.resellerCustomers.of.resolves([
        { customer: { companyName: 'Nowy Klient', domain: 'nowyklient.pl', tenantId: 'c-1' }, subscriptions: [] },
      ]);
      await press(CUSTOMER_ACTION.resellerCustomers, 'tenant-fabrikam');
      sinon.assert.calledOnceWithExactly(stubs.resellerCustomers.of, 'provider-contoso', 'tenant-fabrikam');
      const answer = respond.firstCall.args[0];
      expect(answer.response_type).to.equal('ephemeral');
      expect(JSON.stringify(answer.blocks)).to.include('Nowy Klient');
    });
  });
});
