import { expect } from 'chai';
import { DeliveryLedger, TEAMS_LIMITS } from '../../bench/connectorStub';
import { profileWindow, selfTimeByOwner, topBySelfTime } from '../../bench/cpuProfile';
import { RESPONSE_PATH, SlackCounter } from '../../bench/platforms';
import type { SlackCall } from '../support/fakes/slackApiStub';

describe('bench: the connector stub ledger', () => {
  it('answers 429 past the per-conversation burst and lets one more through after a second', () => {
    const ledger = new DeliveryLedger(TEAMS_LIMITS);
    const statuses = [0, 1, 2, 3].map((i) => ledger.offer('conv-a', 'tenant-1', `notice ${i}`, 1_000).status);
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
    expect(ledger.offer('conv-a', 'tenant-1', 'notice 3', 2_000).status).to.equal(200);
    expect(ledger.snapshot()).to.include({ accepted: 4, throttled: 1, distinct: 4, doubled: 0 });
  });

  it('answers 429 past 25 per second for one tenant, across its conversations', () => {
    const ledger = new DeliveryLedger(TEAMS_LIMITS);
    const accepted = Array.from({ length: 30 }, (_, i) => ledger.offer(`conv-${i}`, 'tenant-1', 'n', 5_000)).filter(
      (a) => a.status === 200,
    );
    expect(accepted).to.have.length(25);
    expect(ledger.offer('conv-other', 'tenant-2', 'n', 5_000).status).to.equal(200);
  });

  it('counts the same activity accepted twice in one conversation as doubled, not as distinct', () => {
    const ledger = new DeliveryLedger();
    ledger.offer('conv-a', 't', 'bench run:1', 0);
    ledger.offer('conv-a', 't', 'bench run:1', 0);
    ledger.offer('conv-b', 't', 'bench run:1', 0);
    expect(ledger.snapshot()).to.include({ accepted: 3, distinct: 2, doubled: 1 });
  });
});

describe('bench: CPU profile summary', () => {
  it('ranks functions by self time and leaves idle time out', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9 });
    const summary = topBySelfTime(
      {
        nodes: [
          { id: 1, callFrame: frame('(idle)') },
          { id: 2, callFrame: frame('parse', 'file:///app/node_modules/restify/lib/x.js') },
          { id: 3, callFrame: frame('render', 'file:///app/cards/renderCard.js') },
        ],
        samples: [1, 2, 3, 3, 1],
        timeDeltas: [5_000, 1_000, 2_000, 1_000, 9_000],
      },
      '/app',
    );
    expect(summary.busyMs).to.equal(4);
    expect(summary.top.map((f) => [f.name, f.where, f.selfMs])).to.deep.equal([
      ['render', 'cards/renderCard.js:10', 3],
      ['parse', 'restify/lib/x.js:10', 1],
    ]);
  });
});

describe('bench: CPU profile cut to the load and grouped by owner', () => {
  const profile = {
    startTime: 1_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: 0 } },
      {
        id: 2,
        callFrame: { functionName: 'all', url: 'file:///app/node_modules/sqlite3/lib/sqlite3.js', lineNumber: 6 },
      },
      {
        id: 3,
        callFrame: { functionName: 'parse', url: 'file:///app/node_modules/@azure/core-client/x.js', lineNumber: 1 },
      },
      {
        id: 4,
        callFrame: { functionName: 'answerStep', url: 'file:///app/dist/dialogs/enrolment/x.js', lineNumber: 1 },
      },
      { id: 5, callFrame: { functionName: '(program)', url: '', lineNumber: 0 } },
    ],
    // Samples at 1,010 / 1,030 / 1,060 / 1,100 / 1,150 µs.
    samples: [2, 3, 4, 5, 1],
    timeDeltas: [10, 20, 30, 40, 50],
  };

  it('keeps only the samples inside the window', () => {
    const cut = profileWindow(profile, 1_020, 1_100);
    expect(cut.samples).to.deep.equal([3, 4, 5]);
    expect(cut.timeDeltas).to.deep.equal([20, 30, 40]);
  });

  it('groups self time by package, our folders and V8, leaving idle time out', () => {
    const owners = selfTimeByOwner(profile, '/app').map((o) => [o.name, o.selfMs * 1000]);
    expect(owners).to.deep.equal([
      ['(program)', 40],
      ['dialogs/', 30],
      ['@azure/core-client', 20],
      ['sqlite3', 10],
    ]);
  });
});

describe('bench: the Slack calls an approval run is checked on', () => {
  it('counts only the calls since the reset, answers to clicks as respond, and the texts they carry', () => {
    const calls: SlackCall[] = [{ method: 'chat.postMessage', args: { text: 'New customer request' } }];
    const counter = new SlackCounter({ calls });
    counter.reset({ decided: 'was already "approved"' });
    calls.push(
      { method: 'chat.update', args: { text: 'Approved' } },
      { method: `${RESPONSE_PATH}7`, args: { text: 'This request was already "approved" by U1' } },
      { method: `${RESPONSE_PATH}8`, args: { text: 'This request was already "approved" by U2' } },
    );
    expect(counter.stats()).to.deep.equal({
      slackCalls: { 'chat.update': 1, respond: 2 },
      markers: { decided: 2 },
    });
    calls.push({ method: 'chat.postEphemeral', args: { text: 'credentials' } });
    expect(counter.stats().slackCalls).to.deep.equal({ 'chat.update': 1, respond: 2, 'chat.postEphemeral': 1 });
  });
});
