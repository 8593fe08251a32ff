/**
 * The turns `bench/instructions.ts` counts under callgrind: one server of one kind in this process, with a
 * connector that accepts every reply, and Teams posts one at a time, the same posts the bench's loads send.
 * The first `warm` turns run uncounted (callgrind starts with counting off); then this process asks
 * callgrind to count, runs `measured` turns, and asks it to stop before anything closes. It prints nothing;
 * what callgrind collected is the measured turns' figure.
 *
 *   valgrind --tool=callgrind --instr-atstart=no node --single-threaded \
 *     dist/bench/instructionTurns.js <echo|peer|help|enrolment> <warm> <measured>
 */
import { execFile } from 'node:child_process';
import { startEchoBot } from './echoBot';
import { assistantInTempDir, type InProcessServer, postTurn, replySink } from './inProcessTurns';
import { enrolmentSubmission, teamsMessage } from './load';
import { type InstructionTurnKind, TURN_KINDS } from './instructions';
import { startPeerBot } from './peerBot';

/**
 * The assistant's passes that run by the clock (the outbox's and the sandbox verification's polls), an hour
 * apart instead of seconds: under callgrind a turn takes about 50 times as long, so a pass every second
 * would be counted as a share of each turn that it is not at full speed. The outbox's heartbeat (every 2 s,
 * not a setting) still runs and is counted with the turns; it was not measured apart.
 */
const PASSES_AN_HOUR_APART = { OUTBOX_POLL_MS: '3600000', VERIFICATION_POLL_MS: '3600000' };

async function server(kind: InstructionTurnKind): Promise<InProcessServer> {
  if (kind === 'help' || kind === 'enrolment') return assistantInTempDir('csp-instructions-', PASSES_AN_HOUR_APART);
  const bot = kind === 'echo' ? await startEchoBot() : await startPeerBot({ store: 'sqlite' });
  return { url: `http://127.0.0.1:${bot.port}`, close: () => bot.close() };
}

/** What a turn posts: the echo bot and `help` a typed word; the peer and the enrolment step the step's cards. */
function content(kind: InstructionTurnKind, sequence: number): string | Record<string, unknown> {
  if (kind === 'echo') return 'hi';
  if (kind === 'help') return 'help';
  return enrolmentSubmission(sequence);
}

/**
 * Asks callgrind to count (`on`) or not. callgrind_control leaves a command that valgrind reads only while
 * this process runs code, so a timer keeps the event loop turning until the answer comes.
 */
function counting(state: 'on' | 'off'): Promise<void> {
  return new Promise((resolve, reject) => {
    const keepRunning = setInterval(() => {}, 1);
    execFile('callgrind_control', ['--instr', state, String(process.pid)], (error) => {
      clearInterval(keepRunning);
      if (error) reject(error);
      else resolve();
    });
  });
}

async function main() {
  const kind = process.argv[2] as InstructionTurnKind;
  const [warm, measured] = [Number(process.argv[3]), Number(process.argv[4])];
  if (!TURN_KINDS.includes(kind) || !Number.isInteger(warm) || warm < 0 || !Number.isInteger(measured) || measured < 1)
    throw new Error(`usage: instructionTurns.js <${TURN_KINDS.join('|')}> <warm> <measured>`);
  const connector = await replySink();
  const target = await server(kind);
  const turn = (sequence: number) =>
    postTurn(
      target.url,
      teamsMessage(connector.url, `instr0${kind.slice(0, 3)}`, 0, content(kind, sequence), sequence),
    );
  for (let sequence = 1; sequence <= warm; sequence++) await turn(sequence);
  await counting('on');
  for (let sequence = warm + 1; sequence <= warm + measured; sequence++) await turn(sequence);
  await counting('off');
  await target.close();
  await connector.close();
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
