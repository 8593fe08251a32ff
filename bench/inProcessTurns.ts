import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startAssistant } from '../bot/assistant';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';

/**
 * The parts the one-turn-at-a-time tools share (turnCost.ts, allocationProfile.ts, instructionTurns.ts): a
 * connector that takes every reply, the assistant on its defaults in a data directory of its own, and one
 * Teams post answered.
 */
export interface InProcessServer {
  url: string;
  close(): Promise<void>;
}

/** The connector: every reply accepted, its body drained unread. `url` is the activities' serviceUrl. */
export async function replySink(): Promise<InProcessServer> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"id":"reply"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The assistant as `npm start` runs it (SQLite, sandbox, local mode), silent, on an empty store of its own;
 * `settings` are the operator's environment settings on top (the instruction count's longer pass periods).
 */
export async function assistantInTempDir(
  prefix: string,
  settings: Record<string, string> = {},
): Promise<InProcessServer & { assistant: Assistant }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...settings,
  });
  const assistant = await startAssistant(config, { logger: createLogger('silent') });
  return {
    url: assistant.url,
    assistant,
    close: async () => {
      await assistant.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Assistant = Awaited<ReturnType<typeof startAssistant>>;

/** One Teams post to `url`'s /api/messages, its answer read to the end; anything but 200 throws. */
export async function postTurn(url: string, body: string): Promise<void> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
  await response.arrayBuffer();
}
