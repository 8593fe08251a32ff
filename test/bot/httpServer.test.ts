import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { ConnectorStub } from '../fakes/connectorStub';
import { message, postActivity } from '../helpers/teamsActivities';
import { startTestAssistant } from '../helpers/testAssistant';

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
  it('answers /readyz 503 while the store is unreachable, and /healthz still 200', async () => {
    // Nothing listens on port 1: the Redis client cannot connect.
    const assistant = await startTestAssistant({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      expect((await fetch(`${assistant.url}/readyz`)).status).to.equal(503);
      expect((await fetch(`${assistant.url}/healthz`)).status).to.equal(200);
    } finally {
      await assistant.close().catch(() => {});
    }
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
