/**
 * The turns `bench/instructions.ts` counts under callgrind: one server of one kind in this process, with a
 * connector that accepts every reply, and `turns` Teams posts one at a time, the same posts the bench's
 * loads send. It prints nothing; what callgrind counts over the whole process is the figure.
 *
 *   node --single-threaded dist/bench/instructionTurns.js <echo|peer|help|enrolment> <turns>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startAssistant } from '../bot/assistant';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { startEchoBot } from './echoBot';
import { enrolmentSubmission, teamsMessage } from './load';
import { type InstructionTurnKind, TURN_KINDS } from './instructions';
import { startPeerBot } from './peerBot';

interface Server {
  url: string;
  close(): Promise<void>;
}

async function server(kind: InstructionTurnKind): Promise<Server> {
  if (kind === 'echo' || kind === 'peer') {
    const bot = kind === 'echo' ? await startEchoBot() : await startPeerBot({ store: 'sqlite' });
    return { url: `http://127.0.0.1:${bot.port}`, close: () => bot.close() };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-instructions-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const assistant = await startAssistant(config, { logger: createLogger('silent') });
  return {
    url: assistant.url,
    close: async () => {
      await assistant.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a turn posts: the echo bot and `help` a typed word; the peer and the enrolment step the step's cards. */
function content(kind: InstructionTurnKind, sequence: number): string | Record<string, unknown> {
  if (kind === 'echo') return 'hi';
  if (kind === 'help') return 'help';
  return enrolmentSubmission(sequence);
}

async function main() {
  const kind = process.argv[2] as InstructionTurnKind;
  const turns = Number(process.argv[3]);
  if (!TURN_KINDS.includes(kind) || !Number.isInteger(turns) || turns < 1)
    throw new Error(`usage: instructionTurns.js <${TURN_KINDS.join('|')}> <turns>`);
  const connector = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"id":"reply"}'));
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', () => resolve()));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}/`;
  const target = await server(kind);
  for (let sequence = 1; sequence <= turns; sequence++) {
    const response = await fetch(`${target.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: teamsMessage(serviceUrl, `instr0${kind.slice(0, 3)}`, 0, content(kind, sequence), sequence),
    });
    if (response.status !== 200) throw new Error(`turn ${sequence} answered ${response.status}`);
    await response.arrayBuffer();
  }
  await target.close();
  connector.close();
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
