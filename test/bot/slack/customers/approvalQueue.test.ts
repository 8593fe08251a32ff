// Unit tests of bot/slack/customers/approvalQueue.ts: acked approvals wait their turn, a few at a time (issue 18).
import { expect } from 'chai';
import { ApprovalQueue, type HeldApproval } from '../../../../bot/slack/customers/approvalQueue';

const click = (n: number, userId = 'U0ANNA'): HeldApproval => ({
  requestId: `req-${n}`,
  teamId: 'T0DIST',
  userId,
  at: new Date(Date.UTC(2026, 11, 3, 10, 0, n)),
});

/** Work that runs until the test lets it finish, and says when it started. */
function gatedWork(started: string[]) {
  const gates = new Map<string, () => void>();
  const work = (id: string) => () =>
    new Promise<void>((resolve) => {
      started.push(id);
      gates.set(id, resolve);
    });
  const finish = (id: string) => gates.get(id)?.();
  return { work, finish, gates };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Approval queue (bot/slack/customers/approvalQueue.ts, issue 18)', () => {
  it('runs at most its limit of approvals at once; the others wait their turn in click order, and all complete', async () => {
    const queue = new ApprovalQueue(2);
    const started: string[] = [];
    const { work, finish } = gatedWork(started);
    const clicks = [1, 2, 3, 4, 5].map((n) => click(n));
    for (const c of clicks) expect(queue.hold(c).taken).to.equal(true);
    const runs = clicks.map((c) => queue.run(c, work(c.requestId)));
    await turn();
    expect(started).to.deep.equal(['req-1', 'req-2']);
    expect(queue.size).to.deep.equal({ waiting: 3, running: 2 });

    finish('req-2');
    await turn();
    expect(started, 'the next in click order takes the free place').to.deep.equal(['req-1', 'req-2', 'req-3']);
    for (const id of ['req-1', 'req-3', 'req-4', 'req-5']) {
      finish(id);
      await turn();
    }
    await Promise.all(runs);
    expect(started).to.deep.equal(['req-1', 'req-2', 'req-3', 'req-4', 'req-5']);
    expect(
      clicks.some((c) => queue.holds(c.requestId)),
      'every request let go once its approval ran',
    ).to.equal(false);
  });

  it('answers a second click on a request whose approval waits or runs with the first click, and holds it for nobody else', async () => {
    const queue = new ApprovalQueue(1);
    const { work, finish } = gatedWork([]);
    const first = click(1, 'U0ANNA');
    expect(queue.hold(first).taken).to.equal(true);
    const second = queue.hold(click(1, 'U0MARIA'));
    expect(second).to.deep.equal({ taken: false, by: first });

    const running = queue.run(first, work('req-1'));
    await turn();
    expect(queue.hold(click(1, 'U0MARIA')).taken, 'still held while it runs').to.equal(false);
    finish('req-1');
    await running;
    expect(queue.hold(click(1, 'U0MARIA')).taken, 'free again once it ran').to.equal(true);
  });

  it('lets go of the request when its approval fails, and the failure reaches the caller', async () => {
    const queue = new ApprovalQueue(1);
    const c = click(1);
    queue.hold(c);
    const failed = await queue.run(c, () => Promise.reject(new Error('store down'))).catch((error: Error) => error);
    expect(failed).to.be.an('error');
    expect(queue.holds('req-1')).to.equal(false);
  });

  it('at stop, finishes the approvals under way and gives back the clicks still waiting, none of them started', async () => {
    const queue = new ApprovalQueue(1);
    const started: string[] = [];
    const { work, finish } = gatedWork(started);
    const clicks = [1, 2, 3].map((n) => click(n));
    for (const c of clicks) queue.hold(c);
    const first = queue.run(clicks[0], work('req-1'));
    for (const c of clicks.slice(1)) void queue.run(c, work(c.requestId));
    await turn();

    const stopping = queue.stop();
    finish('req-1');
    await first;
    const waiting = await stopping;
    expect(waiting.map((c) => c.requestId)).to.deep.equal(['req-2', 'req-3']);
    await turn();
    expect(started, 'nothing starts after stop').to.deep.equal(['req-1']);
  });
});
