// Unit tests of bot/slack/customers/views.ts: the reject modal's listener alone, over fakes (issue 14 item 4).
import { expect } from 'chai';
import sinon from 'sinon';
import { registerViews } from '../../../../bot/slack/customers/views';
import { CUSTOMER_CALLBACK, REASON_ACTION, REASON_BLOCK } from '../../../../cards/slack/customers/ids';
import { APPROVER, decidedByMaria, pendingRequest, registered, TEAM } from './fakeSlack';

/** The reject modal's submission, called as Bolt calls it: fake ack and client, a view_submission body. */
describe('Slack customers views (bot/slack/customers/views.ts)', () => {
  function setUp() {
    const { views, stubs, client, ack } = registered(registerViews);
    /** Submits the reject modal for `requestId` with `reason`. */
    const submit = async (requestId: string, reason: string) => {
      const listener = views.get(CUSTOMER_CALLBACK.reject);
      if (!listener) throw new Error('no listener for the reject modal');
      const view = {
        callback_id: CUSTOMER_CALLBACK.reject,
        private_metadata: requestId,
        state: { values: { [REASON_BLOCK]: { [REASON_ACTION]: { type: 'plain_text_input', value: reason } } } },
      };
      const body = { type: 'view_submission', team: { id: TEAM }, user: APPROVER, view };
      await listener({ ack, body, view, client });
    };
    return { stubs, client, ack, submit };
  }

  it('rejects as the rep who submitted, with the reason trimmed, then acks and tells everyone', async () => {
    const { stubs, client, ack, submit } = setUp();
    const rejected = pendingRequest({ state: 'rejected' });
    stubs.decisions.reject.resolves({ ok: true, request: rejected, value: undefined });
    await submit('req-1', '  Not our region  ');
    sinon.assert.calledOnceWithExactly(
      stubs.decisions.reject,
      TEAM,
      'req-1',
      sinon.match({ userId: APPROVER.id }),
      'Not our region',
    );
    sinon.assert.calledOnceWithExactly(ack);
    sinon.assert.callOrder(stubs.decisions.reject, ack, stubs.afterDecision);
    sinon.assert.calledOnceWithExactly(stubs.afterDecision, client, rejected);
  });

  it('keeps the modal open with the refusal under the reason for a rep who is not an approver', async () => {
    const { stubs, ack, submit } = setUp();
    stubs.decisions.reject.resolves({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
    await submit('req-1', 'Not our region');
    sinon.assert.calledOnce(ack);
    const answer = ack.firstCall.args[0];
    expect(answer.response_action).to.equal('errors');
    expect(answer.errors[REASON_BLOCK]).to.include('Only the approvers named in /csp setup may do this.');
    sinon.assert.notCalled(stubs.afterDecision);
  });

  it('says who decided first when the request was decided meanwhile', async () => {
    const { stubs, ack, submit } = setUp();
    const decided = decidedByMaria('approved');
    stubs.decisions.reject.resolves({ ok: false, decided });
    await submit('req-1', 'Too late');
    expect(ack.firstCall.args[0].errors[REASON_BLOCK]).to.include('Maria Nowak');
  });

  it('logs, and does not throw, when telling about the rejection fails (the modal is already closed)', async () => {
    const { stubs, submit } = setUp();
    stubs.decisions.reject.resolves({ ok: true, request: pendingRequest({ state: 'rejected' }), value: undefined });
    stubs.afterDecision.rejects(new Error('Slack down'));
    await submit('req-1', 'Not our region');
    sinon.assert.calledOnce(stubs.logger.error);
  });
});
