import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Assistant, startAssistant } from '../bot/assistant';
import { ConfigError, loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import {
  assertPortFree,
  botEndpointFor,
  PLAYGROUND_DEFAULT_PORT,
  type Playground,
  startPlayground,
  waitForHttp,
} from './playground/playground';

/**
 * `npm run dev`: the assistant (Bot Framework authentication off) and the Microsoft 365 Agents
 * Playground pointed at it, telemetry off. Prints the URL to open; Ctrl-C stops both.
 *
 * Environment: everything the assistant reads (PORT, DATA_DIR, ... and `.env`), plus
 * PLAYGROUND_PORT (default 56150; the Playground takes a random port when that one is busy).
 */

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  // The Playground cannot obtain Bot Framework tokens offline: the local try-out runs with auth off.
  if (process.env.NODE_ENV === 'production') {
    fail('npm run dev is a local try-out and does not run with NODE_ENV=production.');
  }
  const hadAppId = Boolean(process.env.MICROSOFT_APP_ID?.trim());
  // Set before loadConfig() reads `.env`: a variable already present (even empty) is not overridden.
  process.env.MICROSOFT_APP_ID = '';
  process.env.MICROSOFT_APP_PASSWORD = '';

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example for every variable.`);
    throw error;
  }
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? PLAYGROUND_DEFAULT_PORT);
  if (!Number.isInteger(playgroundPort) || playgroundPort < 0 || playgroundPort > 65535) {
    fail(`PLAYGROUND_PORT: expected a port number, got "${process.env.PLAYGROUND_PORT}"`);
  }

  const logger = createLogger(config.logLevel);
  if (hadAppId) logger.warn('MICROSOFT_APP_ID is ignored by npm run dev: the Playground talks to the bot without auth');

  let assistant: Assistant | undefined;
  let playground: Playground | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= (async () => {
      process.stdout.write('\nStopping the Playground and the assistant...\n');
      await Promise.allSettled([playground?.stop(), assistant?.close()]);
      process.exit(code);
    })();
    return stopping;
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    await assertPortFree(config.port, config.host, 'PORT');
    assistant = await startAssistant(config, { logger });
    await waitForHttp(`http://127.0.0.1:${assistant.port}/healthz`, 10_000);

    const logDir = resolve(root, '.playground');
    mkdirSync(logDir, { recursive: true });
    playground = await startPlayground({
      botEndpoint: botEndpointFor(config.host, assistant.port),
      port: playgroundPort,
      cwd: root,
      logFile: resolve(logDir, 'agentsplayground.log'),
      onLine: (line) => {
        if (!/^Listening on \d+$/.test(line)) process.stdout.write(`[playground] ${line}\n`);
      },
    });
    playground.child.once('exit', (code, signal) => {
      if (stopping) return;
      // Ctrl-C in a terminal reaches the whole process group, the Playground included.
      if (signal === 'SIGINT' || signal === 'SIGTERM') return void stop(0);
      process.stderr.write(`The Agents Playground stopped (code ${code}, signal ${signal}).\n`);
      void stop(1);
    });
  } catch (error) {
    process.stderr.write(`npm run dev could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }

  const line = '-'.repeat(72);
  process.stdout.write(
    [
      '',
      line,
      `  CSP Partner Assistant:       ${assistant.url}/api/messages  (Bot Framework auth off)`,
      `  Microsoft 365 Agents Playground (telemetry off): open ${playground.url}`,
      '  Type "help" in the chat; Ctrl-C stops both.',
      `  Playground log: .playground/agentsplayground.log`,
      line,
      '',
    ].join('\n'),
  );
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error) => {
  process.stderr.write(
    `npm run dev failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
