/**
 * The turns `bench/instructions.ts` counts under callgrind: one server of one kind in this process, with a
 * connector that accepts every reply, and `turns` Teams posts one at a time, the same posts the bench's
 * loads send. It prints nothing; what callgrind counts over the whole process is the figure.
 *
 *   node --single-threaded dist/bench/instructionTurns.js <echo|peer|help|enrolment> <turns>
 */
import { startEchoBot } from './echoBot';
import { assistantInTempDir, type InProcessServer, postTurn, replySink } from './inProcessTurns';
import { enrolmentSubmission, teamsMessage } from './load';
import { type InstructionTurnKind, TURN_KINDS } from './instructions';
import { startPeerBot } from './peerBot';

async function server(kind: InstructionTurnKind): Promise<InProcessServer> {
  if (kind === 'help' || kind === 'enrolment') return assistantInTempDir('csp-instructions-');
  const bot = kind === 'echo' ? await startEchoBot() : await startPeerBot({ store: 'sqlite' });
  return { url: `http://127.0.0.1:${bot.port}`, close: () => bot.close() };
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
  const connector = await replySink();
  const target = await server(kind);
  for (let sequence = 1; sequence <= turns; sequence++)
    await postTurn(
      target.url,
      teamsMessage(connector.url, `instr0${kind.slice(0, 3)}`, 0, content(kind, sequence), sequence),
    );
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
