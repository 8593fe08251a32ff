import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { translatorFor } from '../../i18n/i18n';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { MemoryAtomicStore } from '../../services/storage/memoryAtomicStore';
import { StoreTimeoutError, TimeBoundedStore } from '../../services/storage/timeBoundedStore';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { SlackApiStub } from '../support/fakes/slackApiStub';
import { TcpProxy } from '../support/fakes/tcpProxy';
import { SlackDriver } from '../support/drivers/slackDriver';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { REDIS_URL, requireRedis, startTestAssistant } from '../support/drivers/testAssistant';

const FAULTS_REDIS_DB = Number(process.env.TEST_JOURNEY_REDIS_DB ?? 11);
const polishApology = translatorFor('pl')('common:errors.turn');

/** The assistant is back once /readyz says so: wait on that, not on a clock. */
async function backOnline(assistant: Assistant) {
  for (;;) {
    if ((await fetch(`${assistant.url}/readyz`)).status === 200) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('Faults: bounded store calls (issue 13 points 2, 3)', () => {
  it('fails a store operation that gets no answer with StoreTimeoutError instead of waiting', async () => {
    const silent = new Proxy(new MemoryAtomicStore(new Map()), {
      get: (target, name) => (name === 'read' ? () => new Promise(() => {}) : Reflect.get(target, name)),
    }) as AtomicStore;
    const error = await new TimeBoundedStore(silent, 20).read('anything').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StoreTimeoutError);
  });

  describe('Redis behind a proxy that is cut, then stalled', function () {
    let proxy: TcpProxy;
    let assistant: Assistant;
    let connector: ConnectorStub;
    let slackApi: SlackApiStub;
    const run = randomUUID().slice(0, 8);
    const person = (name: string) => ({ aadObjectId: `aad-outage-${name}-${run}`, locale: 'pl-PL' });

    before(async function () {
      requireRedis(this);
      const target = new URL(REDIS_URL as string);
      proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
      connector = await new ConnectorStub().start();
      slackApi = await new SlackApiStub().start();
      slackApi.answer('users.info', (args) => ({ user: { id: args.user, locale: 'en-US' } }));
      assistant = await startTestAssistant({
        slackApiUrl: slackApi.url,
        env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}/${FAULTS_REDIS_DB}`, STORE_TIMEOUT_MS: '500' },
      });
    });
    after(async () => {
      await assistant?.close().catch(() => {});
      await proxy?.stop();
      await connector?.stop();
      await slackApi?.stop();
    });
    /** The texts a Teams turn got back; the HTTP answer itself must be 200 (the turn was handled). */
    async function answersTo(text: string, who: ReturnType<typeof person>) {
      const before = connector.received.length;
      expect(await postActivity(assistant.url, message(connector.url, text, who))).to.equal(200);
      await connector.waitFor(before + 1);
      return connector.texts().slice(before);
    }

    // Each case starts from a healthy link, so a stall holds a live connection rather than a reconnecting one.
    beforeEach(async () => {
      proxy.restore();
      await backOnline(assistant);
    });

    it('with the link cut: a Teams turn is answered, with the apology in the person’s language', async () => {
      proxy.cut();
      expect(await answersTo('status', person('cut'))).to.deep.equal([polishApology]);
    });

    it('with the link cut: /csp is acknowledged at once and answers through response_url that it failed', async () => {
      proxy.cut();
      const answer = await new SlackDriver(assistant.url, slackApi).slashAnswer('resellers', 'U0OUTAGE');
      expect(answer).to.include(translatorFor('en')('common:slack.error'));
    });

    it('with the link stalled: /csp is still acknowledged, and answers through response_url that it failed', async () => {
      proxy.stall();
      const answer = await new SlackDriver(assistant.url, slackApi).slashAnswer('resellers', 'U0STALLED');
      expect(answer).to.include(translatorFor('en')('common:slack.error'));
    });

    it('with the link stalled: the apology comes once the store’s bound has passed', async () => {
      proxy.stall();
      expect(await answersTo('status', person('stall'))).to.deep.equal([polishApology]);
    });

    it('changes nothing for a turn that failed, and answers the next turn normally once Redis is back', async () => {
      proxy.cut();
      expect(await answersTo('language sv', person('after'))).to.deep.equal([polishApology]);
      proxy.restore();
      await backOnline(assistant);
      const next = connector.received.length;
      expect(await postActivity(assistant.url, message(connector.url, 'pomoc', person('after')))).to.equal(200);
      await connector.waitFor(next + 1);
      const help = JSON.stringify(connector.received.slice(next).map((r) => r.activity));
      // Still Polish (from the Teams client): the Swedish choice made during the outage was not half kept.
      expect(help).to.include(translatorFor('pl')('common:help.title'));
    });
  });
});
