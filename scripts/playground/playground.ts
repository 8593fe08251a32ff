import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starting and stopping the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`) for
 * `npm run dev` and the headless smoke test.
 *
 * What the Playground reads (from its CLI and its bundled server, version 0.2.x):
 * - `--app-endpoint` (env `BOT_ENDPOINT`): where the bot's `/api/messages` is.
 * - `--channel-id msteams` (env `DEFAULT_CHANNEL_ID`): activities look like Teams ones.
 * - `--port` (env `TEAMSAPPTESTER_PORT`, default 56150): if the port is taken it silently picks a
 *   random one, so the real port is read from its "Listening on <port>" line.
 * - `--disable-telemetry`: no usage events. It still starts the Application Insights SDK with
 *   Microsoft's key, which on its own phones home (Statsbeat at start, a heartbeat every 15 minutes),
 *   so the environment below switches those off too: with all of it, the Playground process opens no
 *   connection except to the bot and its own clients.
 * - `TEAMSAPPTESTER_BROWSER=none`: do not try to open a browser.
 * - `M365_AGENTS_PLAYGROUND_LOGFILE`: its log file (default `./devTools/m365agentsplayground.log`,
 *   deleted and rewritten at every start).
 * - An optional `.m365agentsplayground.yml` in its working directory (users, team, channels); without
 *   one it uses a built-in default (user "Alex Wilber", personal chat, a group chat, one team).
 */

export const PLAYGROUND_DEFAULT_PORT = 56150;

/** The environment that keeps the Playground quiet and offline (see above). */
export function playgroundEnv(logFile: string): NodeJS.ProcessEnv {
  return {
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    DEFAULT_CHANNEL_ID: 'msteams',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({
      disableStatsbeat: true,
      enableAutoCollectHeartbeat: false,
      enableAutoCollectPreAggregatedMetrics: false,
    }),
  };
}

export interface PlaygroundOptions {
  /** The bot's messages endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Port to ask for; the Playground falls back to a random one when it is taken. */
  port: number;
  /** Working directory (where an optional .m365agentsplayground.yml is looked up). */
  cwd: string;
  logFile: string;
  /** Called with every line the Playground prints. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

export interface Playground {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (for error messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const args = [
    playgroundCli(),
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...playgroundEnv(options.logFile) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    if (output.length > 64_000) output = output.slice(-64_000);
    for (const line of text.split(/\r?\n/)) if (line.trim()) options.onLine?.(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stop = async (graceMs = 5_000): Promise<void> => {
    if (exited || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, graceMs);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the Agents Playground did not report its port within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        const match = /Listening on (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the Agents Playground exited at start (code ${code}, signal ${signal})`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      check();
    });
    const url = `http://localhost:${port}`;
    await waitForHttp(
      `http://127.0.0.1:${port}/_debug/ping`,
      timeoutMs,
      (status, body) => status === 200 && /pong/.test(body),
    );
    return { port, url, child, output: () => output, stop };
  } catch (error) {
    await stop(1_000);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- Playground output ---\n${output.trim() || '(nothing)'}`, { cause: error });
  }
}

/** Polls `url` until `accept(status, body)` or the time is up. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  accept: (status: number, body: string) => boolean = (status) => status >= 200 && status < 300,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (accept(response.status, body)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Rejects with a readable message when `port` cannot be bound on `host` (checked, then released). */
export function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use (is the assistant already running?): set ${variable} to another port`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/**
 * The address the Playground should use to reach the assistant. The assistant binds HOST (default
 * 0.0.0.0, IPv4 only) while `localhost` may resolve to ::1 first, so an IPv4 literal is the safe choice.
 */
export function botEndpointFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${hostPart}:${port}/api/messages`;
}
