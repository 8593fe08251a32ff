import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { TcpProxy } from '../support/fakes/tcpProxy';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { REDIS_URL, requireRedis, startTestAssistant, TEST_REDIS_DB } from '../support/drivers/testAssistant';

describe('HTTP server: one port, real parts', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;

  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant();
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });

  it('answers /healthz while alive', async () => {
    const response = await fetch(`${assistant.url}/healthz`);
    expect(response.status).to.equal(200);
  });

  it('answers /readyz 200 when the store answers', async () => {
    const response = await fetch(`${assistant.url}/readyz`);
    expect(response.status).to.equal(200);
  });

  it('replies to a Teams message through the connector named in serviceUrl', async () => {
    const status = await postActivity(assistant.url, message(connector.url, 'help'));
    expect(status).to.equal(200);
    await connector.waitFor(1);
    expect(connector.received[0].conversationId).to.match(/^a:personal-/);
    expect(connector.cards().join()).to.include('What I can do');
  });

  it('refuses malformed JSON with 400 and keeps serving', async () => {
    const response = await fetch(`${assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(response.status).to.equal(400);
    expect((await fetch(`${assistant.url}/healthz`)).status).to.equal(200);
  });

  it('refuses JSON that is not an activity with 400', async () => {
    const response = await fetch(`${assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1, 2, 3]',
    });
    expect(response.status).to.equal(400);
  });

  it('refuses a 10 MB body with 413 without reading it, and keeps serving', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 'a');
    const response = await fetch(`${assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch((error: Error) => ({ status: 413, error }));
    expect(response.status).to.equal(413);
    expect((await fetch(`${assistant.url}/healthz`)).status).to.equal(200);
  });

  it('refuses a 10 MB Slack body with 413 too', async () => {
    const response = await fetch(`${assistant.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(10 * 1024 * 1024, 'a'),
    }).catch(() => ({ status: 413 }));
    expect(response.status).to.equal(413);
  });
});

describe('HTTP server: Bot Framework authentication on', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;

  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant({
      env: { MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' },
    });
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });

  it('refuses an activity without a token with 401 and sends nothing', async () => {
    const status = await postActivity(assistant.url, message(connector.url, 'help'));
    expect(status).to.equal(401);
    expect(connector.received).to.have.length(0);
  });

  it('refuses an activity with a forged token with 401', async () => {
    const forged = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`;
    const status = await postActivity(assistant.url, message(connector.url, 'help'), { authorization: forged });
    expect(status).to.equal(401);
  });
});

describe('HTTP server: store outage', () => {
  it('answers /readyz 503 while Redis is unreachable, /healthz still 200, and 200 again once it is back', async function () {
    requireRedis(this);
    // A TCP proxy in front of the real Redis, cut and restored to stage a Redis blip after start.
    const target = new URL(REDIS_URL as string);
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
    const port = proxy.port;
    // The run's own database (emptied as it starts), not database 0.
    const assistant = await startTestAssistant({ env: { REDIS_URL: `redis://127.0.0.1:${port}/${TEST_REDIS_DB}` } });
    try {
      expect((await fetch(`${assistant.url}/readyz`)).status).to.equal(200);
      proxy.cut();
      expect((await fetch(`${assistant.url}/readyz`)).status).to.equal(503);
      expect((await fetch(`${assistant.url}/healthz`)).status).to.equal(200);
      // A person writing during the outage is told, in their language, that nothing was changed.
      const connector = await new ConnectorStub().start();
      try {
        await postActivity(assistant.url, message(connector.url, 'language sv', { aadObjectId: 'aad-outage' }));
        await connector.waitFor(1);
        expect(connector.texts()[0]).to.equal(
          'Sorry, something went wrong on my side. Nothing was changed; please try again in a moment.',
        );
      } finally {
        await connector.stop();
      }
      proxy.restore();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await fetch(`${assistant.url}/readyz`)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).to.equal(200);
    } finally {
      await assistant.close().catch(() => {});
      await proxy.stop();
    }
  });

  it('refuses to start, saying why, when its store cannot be reached at all', async () => {
    let error: Error | undefined;
    try {
      // Nothing listens on port 1.
      const assistant = await startTestAssistant({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
      await assistant.close();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/Redis/);
  });
});

describe('HTTP server: port already taken', () => {
  it('refuses to start with a clear message naming the port', async () => {
    const first = await startTestAssistant();
    try {
      let error: Error | undefined;
      try {
        await startTestAssistant({ env: { PORT: String(first.port) } });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.match(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${first.port}: .*EADDRINUSE`));
    } finally {
      await first.close();
    }
  });
});
