import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * The Agents Playground (0.2.x) stamps every activity with the locale `en-US`, in `activity.locale`
 * and in its clientInfo entity, whatever the browser's language: it has no setting for it. A Polish or
 * Swedish Teams client sends `pl-PL` or `sv-SE` there. To walk the assistant as those people meet it,
 * the Playground talks to this forwarder, which sets the client's locale on each activity and passes
 * it on to the assistant unchanged otherwise; the assistant's answers go straight back to the
 * Playground (its serviceUrl), so nothing else passes through here.
 *
 * Hand-written rather than a proxy library: it must rewrite one JSON field of each request body, which
 * the proxies on npm do only through a stream-rewriting plug-in larger than this file.
 */

export interface ClientLocaleForwarder {
  /** Where the Playground should send its activities (same path as the assistant's endpoint). */
  endpoint: string;
  /** How many activities were rewritten so far. */
  rewritten(): number;
  stop(): Promise<void>;
}

type Activity = { locale?: string; entities?: Array<Record<string, unknown>> };

/** The activity as a `locale` client sends it: `activity.locale` and every clientInfo entity's locale. */
export function withClientLocale<T extends Activity>(activity: T, locale: string): T {
  return {
    ...activity,
    locale,
    entities: activity.entities?.map((entity) => (entity.type === 'clientInfo' ? { ...entity, locale } : entity)),
  };
}

function bodyOf(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts the forwarder in front of `botEndpoint` (e.g. http://127.0.0.1:3978/api/messages). */
export async function startClientLocaleForwarder(botEndpoint: string, locale: string): Promise<ClientLocaleForwarder> {
  const target = new URL(botEndpoint);
  let rewritten = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await bodyOf(request);
      let body: Buffer = raw;
      if (raw.length > 0 && String(request.headers['content-type'] ?? '').includes('json')) {
        try {
          body = Buffer.from(JSON.stringify(withClientLocale(JSON.parse(raw.toString('utf8')) as Activity, locale)));
          rewritten++;
        } catch {
          // Not JSON after all: passed on as it came, for the assistant to refuse.
        }
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || ['host', 'content-length', 'connection'].includes(name)) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await fetch(new URL(request.url ?? '/', target), {
        method: request.method,
        headers,
        body: ['GET', 'HEAD'].includes(request.method ?? 'GET') ? undefined : body,
      });
      const answerBody = Buffer.from(await answer.arrayBuffer());
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      response.end(answerBody);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`forwarder: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    rewritten: () => rewritten,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
