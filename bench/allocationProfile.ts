/**
 * Where a turn's allocations come from (issue 18 item 2): V8's sampling heap profiler over a run of turns,
 * one at a time in this process, summed by package (or file of ours) and by function, per turn. A builtin
 * (JSON, `split`, `Promise`) is named with the function that called it. turnCost.ts says how much a turn
 * allocates; this says where.
 *
 *   npm run build && node dist/bench/allocationProfile.js [enrolment|help] [turns]
 */
import { Session } from 'node:inspector';
import { assistantInTempDir, postTurn, replySink } from './inProcessTurns';
import { enrolmentSubmission, teamsMessage } from './load';

const kind = process.argv[2] === 'help' ? 'help' : 'enrolment';
const turns = Number(process.argv[3] ?? 300);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface SampleNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SampleNode[];
}

const post = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );

/** `botbuilder-dialogs`, `@azure/core-client`, or our own file under dist/. */
function ownerOf(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  if (!url) return 'builtins (JSON, strings, promises)';
  const dist = url.lastIndexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url;
}

const frameName = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${ownerOf(frame.url)}:${frame.lineNumber + 1}` : ''}`;

async function main() {
  const connector = await replySink();
  const assistant = await assistantInTempDir('csp-allocations-');
  const turn = (sequence: number) =>
    postTurn(
      assistant.url,
      teamsMessage(connector.url, 'allocs', 0, kind === 'help' ? 'help' : enrolmentSubmission(sequence), sequence),
    );
  for (let i = 1; i <= 50; i++) await turn(i);

  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  // Objects a scavenge or a full collection took are counted too: garbage is what a turn costs.
  await post(session, 'HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 51; i <= 50 + turns; i++) await turn(i);
  const { profile } = await post<{ profile: { head: SampleNode } }>(session, 'HeapProfiler.stopSampling');
  session.disconnect();

  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const walk = (node: SampleNode, caller?: CallFrame) => {
    const frame = node.callFrame;
    total += node.selfSize;
    add(byOwner, ownerOf(frame.url), node.selfSize);
    const name = frame.url || !caller ? frameName(frame) : `${frameName(frame)}<- ${frameName(caller)}`;
    add(byFunction, name, node.selfSize);
    for (const child of node.children) walk(child, frame.url ? frame : caller);
  };
  walk(profile.head);

  const kb = (bytes: number) => `${(bytes / turns / 1024).toFixed(1)} KB`.padStart(10);
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, bytes]) => `${kb(bytes)}  ${name}`);
  process.stdout.write(`${kind}: ${kb(total).trim()} sampled a turn (${turns} turns after 50 unmeasured)\n`);
  process.stdout.write(`By package or file:\n${top(byOwner, 25).join('\n')}\n`);
  process.stdout.write(`By function:\n${top(byFunction, 40).join('\n')}\n`);

  await assistant.close();
  await connector.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
