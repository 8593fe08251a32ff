import { createServer, type Server } from 'node:http';
import { expect } from 'chai';
import { startClientLocaleForwarder } from '../../scripts/playground/clientLocale';

/**
 * The Playground's activities reach the assistant as a Polish client's would: the walks in pl-PL and
 * sv-SE (the journey demo) rest on this forwarder, so what it changes and what it keeps is checked here.
 */
describe('Playground client locale forwarder (the walks in a Polish or Swedish Teams client)', () => {
  let bot: Server;
  let received: Array<{ path: string; auth?: string; body: Record<string, unknown> }>;
  let botEndpoint = '';

  before(async () => {
    bot = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          auth: request.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        response.writeHead(202, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    const address = bot.address();
    botEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/messages`;
  });
  beforeEach(() => {
    received = [];
  });
  after(() => new Promise<void>((resolve) => bot.close(() => resolve())));

  it('sends the activity on with the client locale in activity.locale and in clientInfo, nothing else changed', async () => {
    const forwarder = await startClientLocaleForwarder(botEndpoint, 'pl-PL');
    try {
      const activity = {
        type: 'message',
        text: 'rejestracja',
        locale: 'en-US',
        entities: [
          { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
          { type: 'mention', text: '<at>bot</at>' },
        ],
      };
      const response = await fetch(forwarder.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
        body: JSON.stringify(activity),
      });
      expect(response.status).to.equal(202);
      expect(await response.json()).to.deep.equal({ ok: true });
      expect(received).to.have.length(1);
      expect(received[0].path).to.equal('/api/messages');
      expect(received[0].auth).to.equal('Bearer abc');
      expect(received[0].body).to.deep.equal({
        ...activity,
        locale: 'pl-PL',
        entities: [
          { type: 'clientInfo', locale: 'pl-PL', country: 'US', platform: 'Web' },
          { type: 'mention', text: '<at>bot</at>' },
        ],
      });
      expect(forwarder.rewritten()).to.equal(1);
    } finally {
      await forwarder.stop();
    }
  });
});
