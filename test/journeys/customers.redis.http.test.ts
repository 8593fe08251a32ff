import { expect } from 'chai';
import type { CustomerRequest } from '../../services/customers';
import { APPROVER, APPROVER2, APPROVER_NAME, BACKENDS, newDomain, OFFERS } from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';
import { initialDomainPrefix } from '../../services/domain/customerDomain';

const REDIS = BACKENDS.find((b) => b.name === 'Redis') as (typeof BACKENDS)[number];

/**
 * Two assistants (two HTTP servers, two Bolt apps, two outboxes) in one process, sharing one Redis:
 * what two instances behind a load balancer see.
 */
describe('Customer onboarding on Redis with two app instances (C3, C4)', () => {
  const world = customerWorld(REDIS, { team: 'T0TWOINSTANCES', instances: 2 });

  const requestOf = async (id: string) =>
    (await world.assistant.store.records.read<CustomerRequest>(`customers:request:${id}`))?.value;

  it('takes the steps on either instance, and a Submit on both at once gives one request and one answer', async () => {
    const draftId = await world.startNewCustomer(newDomain());
    const review = await world.teams(
      world.card({
        verb: 'customers-review',
        draftId,
        [`qty:${OFFERS.standard.id}`]: '5',
        ...world.agreementOn(draftId),
      }),
      1,
      1,
    );
    expect(review).to.include('Review your request');
    const [sent, redrawn] = [world.connector.received.length, world.connector.updated.length];
    const [a, b] = await Promise.all([world.submit(draftId, 0), world.submit(draftId, 1)]);
    // The two instances agree through the shared store: one press, one answer, on the card pressed.
    expect(world.connector.received.length).to.equal(sent);
    expect(world.connector.updated.length).to.equal(redrawn + 1);
    expect([a, b].join('\n')).to.include('is with Contoso Dystrybucja');
    await world.approvalPost(draftId);
    const posts = world.slackApi
      .callsOf('chat.postMessage')
      .filter((c) => JSON.stringify(c.args.blocks ?? '').includes(draftId));
    expect(posts).to.have.length(1);
  });

  it('gives exactly one decision when two approvers press Approve on two instances at once; one customer; the other sees who was first', async () => {
    const domain = newDomain();
    const id = await world.submittedRequest(domain);
    await world.approvalPost(id);
    const ephemerals = world.slackApi.callsOf('chat.postEphemeral').length;
    const updates = world.slackApi.callsOf('chat.update').length;

    const a = world.click('customers.approve', id, APPROVER, { instance: 0 });
    const b = world.click('customers.approve', id, APPROVER2, { instance: 1 });
    expect((await a.response).status).to.equal(200);
    expect((await b.response).status).to.equal(200);

    await world.slackApi.waitFor('chat.postEphemeral', ephemerals + 1);
    await world.slackApi.waitFor('chat.update', updates + 1);
    const request = await requestOf(id);
    expect(request?.state).to.equal('approved');
    const winner = request?.decision?.by.userId;
    const loser = winner === APPROVER ? b : a;
    const answer = await world.answerTo(loser);
    expect(answer).to.include(
      `already decided (approved) by ${winner === APPROVER ? APPROVER_NAME : winner?.toLowerCase()}`,
    );

    const credentials = world.slackApi.callsOf('chat.postEphemeral').slice(ephemerals);
    expect(credentials).to.have.length(1);
    expect(credentials[0].args.user).to.equal(winner);
    const created = (await world.assistant.store.records.list<{ domain?: string }>('pc:customer:')).filter((r) =>
      String(r.value.domain).startsWith(initialDomainPrefix(domain)),
    );
    expect(created).to.have.length(1);
    expect(request?.result?.subscriptionIds).to.have.length(2);
  });
});
