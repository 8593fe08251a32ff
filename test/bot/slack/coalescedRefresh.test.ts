import { expect } from 'chai';
import { CoalescedRefresh } from '../../../bot/slack/coalescedRefresh';

/** A run the test finishes by hand, recording what state it saw when it started. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("An approver's App Home refreshed after many decisions: coalesced, never stale", () => {
  it('runs once for a request alone', async () => {
    const refresh = new CoalescedRefresh();
    let runs = 0;
    await refresh.request('T:U1', async () => {
      runs += 1;
    });
    expect(runs).to.equal(1);
  });

  it('folds the requests made during a run into one more run, which sees the latest state', async () => {
    const refresh = new CoalescedRefresh();
    let state = 0;
    const seen: number[] = [];
    const first = gate();
    const run = async () => {
      seen.push(state);
      if (seen.length === 1) await first.opened;
    };
    const a = refresh.request('T:U1', run);
    const later = Array.from({ length: 60 }, () => {
      state += 1;
      return refresh.request('T:U1', run);
    });
    first.open();
    await Promise.all([a, ...later]);
    // Sixty decisions while the first rebuild ran: one more rebuild, showing all sixty.
    expect(seen).to.deep.equal([0, 60]);
  });

  it('keeps keys apart, and starts afresh once a run is over', async () => {
    const refresh = new CoalescedRefresh();
    const runs: string[] = [];
    await Promise.all([
      refresh.request('T:U1', async () => void runs.push('U1')),
      refresh.request('T:U2', async () => void runs.push('U2')),
    ]);
    await refresh.request('T:U1', async () => void runs.push('U1 again'));
    expect(runs).to.deep.equal(['U1', 'U2', 'U1 again']);
  });

  it('a failed refresh is reported and does not stop the next one', async () => {
    const errors: unknown[] = [];
    const refresh = new CoalescedRefresh((error) => errors.push(error));
    await refresh.request('T:U1', async () => {
      throw new Error('views.publish failed');
    });
    let ran = false;
    await refresh.request('T:U1', async () => {
      ran = true;
    });
    expect(errors).to.have.length(1);
    expect(ran).to.equal(true);
  });
});
