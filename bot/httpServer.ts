import type { IncomingMessage, ServerResponse } from 'node:http';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from './logger';

export interface HttpServerDeps {
  /** `POST /api/messages`, with the body parsed (bot/teams/activityEndpoint.ts). */
  messages: (req: Request, res: Response) => Promise<void>;
  /** `POST /slack/events`; undefined when the Slack side is off. */
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Extra routes other slices mount (webhooks, invitation links). */
  routes?: Array<(server: restify.Server) => void>;
  ready: () => Promise<void>;
  logger: Logger;
  maxBodyBytes: number;
}

/**
 * One restify server, one port: Bot Framework at /api/messages, Slack at /slack/events, and the
 * health probes. Every body is capped; every request leaves one log line.
 */
export function createHttpServer(deps: HttpServerDeps) {
  const server = restify.createServer({ name: 'csp-partner-assistant', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const drained: Array<() => void> = [];

  server.pre((req: Request, res: Response, next: restify.Next) => {
    const started = process.hrtime.bigint();
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      deps.logger.info(
        {
          method: req.method,
          path: req.path(),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
      if (inFlight === 0) for (const resolve of drained.splice(0)) resolve();
    });
    if (draining) {
      res.setHeader('Connection', 'close');
      res.send(503, { error: 'shutting down' });
      return next(false);
    }
    // Refuse an oversized body before reading a byte of it.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > deps.maxBodyBytes) {
      res.setHeader('Connection', 'close');
      res.send(413, { error: `request body larger than ${deps.maxBodyBytes} bytes` });
      return next(false);
    }
    return next();
  });

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await withTimeout(deps.ready(), 1500);
      res.send(200, { status: 'ready' });
    } catch (error) {
      deps.logger.warn({ err: error }, 'not ready: the store does not answer');
      res.send(503, { status: 'store unavailable' });
    }
  });

  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }),
    deps.messages,
  );

  server.post('/slack/events', (req: Request, res: Response, next: restify.Next) => {
    if (!deps.slack) {
      res.send(404, { error: 'Slack is not configured on this instance' });
      return next();
    }
    // Bolt reads the raw body itself (its signature covers the exact bytes) and writes the answer;
    // the chain ends only once it has, so restify does not answer in its place.
    res.once('close', () => next(false));
    deps.slack(req, res);
  });

  for (const mount of deps.routes ?? []) mount(server);

  server.on(
    'restifyError',
    (_req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
      if ((error.statusCode ?? 500) >= 500) deps.logger.error({ err: error }, 'request failed');
      callback();
    },
  );

  return {
    server,
    async listen(port: number, host: string): Promise<number> {
      // A taken port must stop the start with a clear error, not crash later as an unhandled event.
      await new Promise<void>((resolve, reject) => {
        const refuse = (error: Error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`));
        // restify re-emits the Node server's errors on itself; without a listener there, they are thrown.
        server.once('error', refuse);
        server.listen(port, host, () => {
          server.removeListener('error', refuse);
          resolve();
        });
      });
      return (server.address() as { port: number }).port;
    },
    /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes. */
    async drain(graceMs = 10_000): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections?.();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => drained.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
