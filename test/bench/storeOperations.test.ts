import { expect } from 'chai';
import { BENCH_METRICS_TOKEN } from '../../bench/benchFeature';
import { meetsOneReadOneWrite, operationsPerTurn, readStoreOperations } from '../../bench/storeOperations';
import type { Assistant } from '../../bot/assistant';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { TeamsChat } from '../support/drivers/enrolmentChat';
import { startTestAssistant } from '../support/drivers/testAssistant';

/**
 * The bench's count of store operations a turn (issue 18: one read and one compare-and-set a state turn at
 * most) is read off the assistant's own /metrics: a format it misread would report a turn that costs nothing.
 */
describe('bench: store operations a turn, from the assistant’s /metrics', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;
  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant({ env: { METRICS_TOKEN: BENCH_METRICS_TOKEN } });
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });

  it('counts the reads and compare-and-sets of the turns between two readings, a turn', async () => {
    const chat = new TeamsChat(assistant, connector, { aadObjectId: 'aad-store-operations' });
    const before = await readStoreOperations(assistant.port);
    expect(before, 'the counters of the start-up').to.not.deep.equal({});
    await chat.say('enroll');
    await chat.say('enroll');
    const perTurn = operationsPerTurn(before, await readStoreOperations(assistant.port), 2);
    expect(perTurn.read).to.be.greaterThan(0);
    expect(perTurn.compareAndSet).to.be.greaterThan(0);
    expect(Object.values(perTurn).every((count) => count > 0)).to.equal(true);
  });

  it('judges a turn by its trips: a readMany is one read, a commitAll one write, whatever they hold', () => {
    const judged = (perTurn: Record<string, number>) => meetsOneReadOneWrite((name) => perTurn[name] ?? 0);
    expect(judged({ read: 2.01, compareAndSet: 2.51 }), 'the step before session 35').to.equal(false);
    expect(judged({ readMany: 1.0, compareAndSet: 2.51 }), 'read ahead alone').to.equal(false);
    expect(judged({ readMany: 1.01, commitAll: 1.0, indexRange: 0.01 })).to.equal(true);
    expect(judged({ readMany: 1.0, commitAll: 1.0, compareAndSet: 0.5 }), 'a write beside the commit').to.equal(false);
    expect(judged({ read: 1.0, compareAndSet: 1.0 })).to.equal(true);
  });
});
