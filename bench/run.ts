import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Child, scriptPath } from './child';
import { type StubStats, TEAMS_LIMITS } from './connectorStub';
import { type CpuProfile, topBySelfTime } from './cpuProfile';
import { distinctConversations, type LoadFigures, slackCommands, teamsTurns } from './load';
import type { FanoutReply, FanoutRequest, TargetOptions } from './target';

/**
 * `npm run bench` (about 3-4 minutes) and `npm run bench -- --quick` (CI: the same code paths with
 * tiny durations and counts). `--profile` adds a CPU profile of the assistant under the `help` load.
 * Every server runs in its own process; the load generator (autocannon) runs here.
 */
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const ROOT = path.resolve(__dirname, '..');
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

const settings = quick
  ? { seconds: 1, warmup: 0.5, notices: { tenants: 40, users: 1, perTenant: 5 }, conversations: 500, starts: 1 }
  : { seconds: 8, warmup: 2, notices: { tenants: 1000, users: 2, perTenant: 5 }, conversations: 10_000, starts: 3 };

interface Row {
  section: string;
  measure: string;
  value: string;
  target: string;
  /** true / false against the target; undefined when the figure has no target of its own. */
  met?: boolean;
}

const rows: Row[] = [];
const notes: string[] = [];
const raw: Record<string, unknown> = {};
const runId = Date.now().toString(16).slice(-8);

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';

function log(line: string) {
  process.stderr.write(`[bench] ${line}\n`);
}

async function redisUrl(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (quick) return undefined;
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect(6379, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
  return reachable ? 'redis://127.0.0.1:6379' : undefined;
}

async function target(options: TargetOptions, execArgv: string[] = []): Promise<Child> {
  return Child.start('target', [JSON.stringify(options)], execArgv);
}

/** A short unrecorded run first (JIT, connection pools, SQLite pages), then the measured one. */
async function measure(load: (seconds: number) => Promise<LoadFigures>): Promise<LoadFigures> {
  await load(settings.warmup);
  return load(settings.seconds);
}

function turnRows(section: string, label: string, figures: LoadFigures, baselineRps: number, withTargets: boolean) {
  const ratio = figures.rps / baselineRps;
  const failures = figures.non2xx + figures.errors;
  rows.push(
    {
      section,
      measure: `${label}: throughput`,
      value: `${fmt(figures.rps)} turns/s (×${fmt(ratio, 2)} echo)${failures ? `, ${failures} failed` : ''}`,
      target: withTargets ? 'ratio ≥ 1.0' : '-',
      met: withTargets ? ratio >= 1 : undefined,
    },
    {
      section,
      measure: `${label}: latency p50 / p99`,
      value: `${fmt(figures.p50)} / ${fmt(figures.p99)} ms`,
      target: withTargets ? 'p99 ≤ 25 ms' : '-',
      met: withTargets ? figures.p99 <= 25 : undefined,
    },
  );
}

async function teamsAndSlack(serviceUrl: string, stubApi: string, redis?: string) {
  const teams = (url: string, kind: 'echo' | 'help' | 'language') => (seconds: number) =>
    teamsTurns({ url, serviceUrl, kind, runId: `${runId}${kind}`, seconds });

  log('echo baseline (1 of 2)');
  let echo = await target({ kind: 'echo' });
  const echoFirst = await measure(teams(`http://127.0.0.1:${echo.port}`, 'echo'));
  await echo.stop();

  log('assistant on SQLite: help, language pl/en, Slack /csp help');
  const sqlite = await target({
    kind: 'assistant',
    store: 'sqlite',
    slackApiUrl: stubApi,
    slackSigningSecret: SIGNING_SECRET,
  });
  const sqliteUrl = `http://127.0.0.1:${sqlite.port}`;
  const sqliteHelp = await measure(teams(sqliteUrl, 'help'));
  const sqliteLanguage = await measure(teams(sqliteUrl, 'language'));
  const slack = await measure((seconds) => slackCommands({ url: sqliteUrl, signingSecret: SIGNING_SECRET, seconds }));
  await sqlite.stop();

  let redisHelp: LoadFigures | undefined;
  let redisLanguage: LoadFigures | undefined;
  if (redis) {
    log('assistant on Redis: help, language pl/en');
    const onRedis = await target({ kind: 'assistant', store: 'redis', redisUrl: redis });
    const redisBase = `http://127.0.0.1:${onRedis.port}`;
    redisHelp = await measure(teams(redisBase, 'help'));
    redisLanguage = await measure(teams(redisBase, 'language'));
    await onRedis.stop();
  } else {
    notes.push(
      quick ? 'Redis skipped in --quick (set REDIS_URL to include it).' : 'Redis not reachable: Redis rows skipped.',
    );
  }

  log('echo baseline (2 of 2)');
  echo = await target({ kind: 'echo' });
  const echoSecond = await measure(teams(`http://127.0.0.1:${echo.port}`, 'echo'));
  await echo.stop();

  const baseline = (echoFirst.rps + echoSecond.rps) / 2;
  raw.teams = { echoFirst, echoSecond, sqliteHelp, sqliteLanguage, redisHelp, redisLanguage };
  raw.slack = slack;
  rows.push({
    section: 'Baseline',
    measure: 'echo bot (CloudAdapter on restify): throughput',
    value: `${fmt(baseline)} turns/s (runs: ${fmt(echoFirst.rps)}, ${fmt(echoSecond.rps)})`,
    target: '≈1,500 turns/s on 2 cores',
  });
  rows.push({
    section: 'Baseline',
    measure: 'echo bot: latency p50 / p99',
    value: `${fmt(echoFirst.p50)} / ${fmt(echoFirst.p99)} ms`,
    target: '-',
  });
  turnRows('Teams, SQLite', '`help` (card)', sqliteHelp, baseline, false);
  turnRows('Teams, SQLite', '`language pl|en` (UserState written)', sqliteLanguage, baseline, true);
  if (redisHelp && redisLanguage) {
    turnRows('Teams, Redis', '`help` (card)', redisHelp, baseline, false);
    turnRows('Teams, Redis', '`language pl|en` (UserState written)', redisLanguage, baseline, false);
  }
  notes.push(
    'The state-writing turn is `language pl`/`language en` alternating (UserState read and written every turn through the real stack), not an enrolment step: the enrolment dialog was still being written when this bench was built.',
  );
  const slackFailures = slack.non2xx + slack.errors;
  rows.push({
    section: 'Slack',
    measure: 'signed `/csp help` ack: p50 / p99',
    value: `${fmt(slack.p50)} / ${fmt(slack.p99)} ms at ${fmt(slack.rps)} req/s${slackFailures ? `, ${slackFailures} failed` : ''}`,
    target: 'p99 ≤ 50 ms',
    met: slack.p99 <= 50 && slackFailures === 0,
  });
  notes.push(
    'Slack: no block_actions listener (approval buttons) exists yet, so the ack measured is the signed `/csp help` slash command, answered inside the ack.',
  );
}

async function fanout(stub: Child, serviceUrl: string) {
  const { tenants, users, perTenant } = settings.notices;
  const expected = tenants * users * perTenant;
  log(
    `fan-out: ${fmt(expected)} deliveries to ${fmt(tenants)} tenants (${users} people each, ${perTenant} notices each)`,
  );
  const assistant = await target({ kind: 'assistant', store: 'sqlite' });
  await stub.request('reset', { limits: TEAMS_LIMITS });
  const started = Date.now();
  const request: FanoutRequest = {
    runId: `${runId}f`,
    serviceUrl,
    tenants,
    usersPerTenant: users,
    noticesPerTenant: perTenant,
    concurrency: 64,
  };
  const reply = await assistant.request<FanoutReply>('fanout', { fanout: request }, 600_000);
  // A durable outbox delivers after the calls return: wait until every delivery arrived or none did for a while.
  let stats = await stub.request<StubStats>('stats');
  let lastProgress = Date.now();
  let lastAccepted = stats.accepted;
  const idleMs = quick ? 5_000 : 15_000;
  while (stats.distinct < expected && Date.now() - lastProgress < idleMs) {
    await new Promise((r) => setTimeout(r, 200));
    stats = await stub.request<StubStats>('stats');
    if (stats.accepted !== lastAccepted) {
      lastAccepted = stats.accepted;
      lastProgress = Date.now();
    }
  }
  await assistant.stop();
  await stub.request('reset', {});

  const seconds = ((stats.lastAcceptedAt ?? Date.now()) - started) / 1000;
  const perSecond = stats.accepted / Math.max(seconds, 0.001);
  const lost = expected - stats.distinct;
  raw.fanout = { expected, reply, stats: { ...stats, keys: undefined }, seconds };
  rows.push(
    {
      section: 'Fan-out',
      measure: `${fmt(expected)} deliveries via ${reply.notifier}`,
      value: `${fmt(perSecond)} msgs/s (${fmt(seconds, 1)} s; seeding ${fmt(reply.seedMs / 1000, 1)} s not counted)`,
      target: '≥ 500 msgs/s',
      met: perSecond >= 500 && lost === 0,
    },
    {
      section: 'Fan-out',
      measure: '429s received (limit violations)',
      value: fmt(stats.throttled),
      target: '0',
      met: stats.throttled === 0,
    },
    {
      section: 'Fan-out',
      measure: 'deliveries lost / doubled',
      value: `${fmt(lost)} / ${fmt(stats.doubled)}${reply.failedCalls ? ` (${fmt(reply.failedCalls)} notifier calls threw)` : ''}`,
      target: '0 / 0',
      met: lost === 0 && stats.doubled === 0,
    },
  );
  notes.push(
    `Fan-out ran on the notifier the assistant wires (${reply.notifier}; features: ${reply.features.join(', ')})${reply.failureSamples[0] ? `; first notifier failure: "${reply.failureSamples[0].slice(0, 120)}"` : ''}. Waited until every delivery arrived or none arrived for ${idleMs / 1000} s. Stub limits: ${TEAMS_LIMITS.perConversationPerSecond}/s per conversation (burst ${TEAMS_LIMITS.perConversationBurst}), ${TEAMS_LIMITS.perTenantPerSecond}/s per tenant, Retry-After ${TEAMS_LIMITS.retryAfterSeconds} s.`,
  );
}

async function memory(serviceUrl: string) {
  const count = settings.conversations;
  log(`memory: ${fmt(count)} distinct conversations`);
  const assistant = await target({ kind: 'assistant', store: 'sqlite' });
  const before = await assistant.request<NodeJS.MemoryUsage>('memory');
  const load = await distinctConversations({
    url: `http://127.0.0.1:${assistant.port}`,
    serviceUrl,
    runId: `${runId}m`,
    amount: count,
  });
  const after = await assistant.request<NodeJS.MemoryUsage>('memory');
  await assistant.stop();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  raw.memory = { count, before, after, load };
  rows.push({
    section: 'Memory',
    measure: `RSS after ${fmt(count)} conversations (\`help\` each)`,
    value: `${fmt(mb(after.rss))} MB (idle ${fmt(mb(before.rss))} MB; heap ${fmt(mb(after.heapUsed))} MB)${load.non2xx + load.errors ? `, ${load.non2xx + load.errors} failed` : ''}`,
    target: '≤ 200 MB',
    met: mb(after.rss) <= 200 && load.non2xx + load.errors === 0,
  });
}

/** Spawns the real entry point and times spawn → `/readyz` 200. */
async function startOnce(): Promise<{ ms: number; how: string }> {
  const built = path.join(ROOT, 'dist/bot/index.js');
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const [command, args, how] = existsSync(built)
    ? [process.execPath, [built], 'node dist/bot/index.js']
    : [tsx, ['bot/index.ts'], 'tsx bot/index.ts, not built'];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-start-'));
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      REDIS_URL: '',
      STORE: 'sqlite',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('no "ready on" line within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`the assistant exited (${code}) while starting`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ready on (http:\/\/[^\s]+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    for (;;) {
      const ok = await fetch(`${url}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return { ms: performance.now() - started, how };
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startTime() {
  log('start: spawn → /readyz 200');
  const runs: number[] = [];
  let how = '';
  for (let i = 0; i < settings.starts; i++) {
    const once = await startOnce();
    runs.push(once.ms);
    how = once.how;
  }
  const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  raw.start = { runs, how };
  rows.push({
    section: 'Start',
    measure: `spawn → /readyz 200 (${how})`,
    value: `${fmt(median)} ms (median of ${runs.length}: ${runs.map((r) => fmt(r)).join(', ')})`,
    target: '< 2,000 ms',
    met: median < 2000,
  });
}

async function cpuProfile(serviceUrl: string) {
  log('profile: assistant under the `help` load, node --cpu-prof');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-prof-'));
  const assistant = await target({ kind: 'assistant', store: 'sqlite' }, ['--cpu-prof', '--cpu-prof-dir', dir]);
  await teamsTurns({
    url: `http://127.0.0.1:${assistant.port}`,
    serviceUrl,
    kind: 'help',
    runId: `${runId}p`,
    seconds: settings.seconds,
  });
  await assistant.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    notes.push('CPU profile: no .cpuprofile was written.');
    return;
  }
  const summary = topBySelfTime(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, ROOT);
  raw.profile = { file: path.join(dir, file), ...summary };
  process.stdout.write(
    `\nCPU profile of the assistant under \`help\` load (${fmt(summary.busyMs)} ms busy), top self time:\n`,
  );
  for (const f of summary.top) {
    process.stdout.write(
      `  ${fmt(f.percent, 1).padStart(5)}%  ${fmt(f.selfMs).padStart(6)} ms  ${f.name}  ${f.where}\n`,
    );
  }
  process.stdout.write(`(profile kept at ${path.join(dir, file)})\n`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

function table(): string {
  const header = ['Section', 'Measure', 'Result', 'Target', ''];
  const body = rows.map((r) => [
    r.section,
    r.measure,
    r.value,
    r.target,
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  return [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main() {
  const began = Date.now();
  const info = machine();
  const runtime = scriptPath('target').compiled
    ? 'compiled (dist/)'
    : 'tsx (not built: `npm run build` first for compiled figures)';
  notes.push(`Servers ran ${runtime}.`);
  log(`${quick ? 'quick run' : 'full run'} on ${info.cores}× ${info.cpu}, ${info.memoryGb} GB, node ${info.node}`);
  const stub = await Child.start('connectorStub');
  const serviceUrl = `http://127.0.0.1:${stub.port}/`;
  try {
    await teamsAndSlack(serviceUrl, `http://127.0.0.1:${stub.port}/api/`, await redisUrl());
    await fanout(stub, serviceUrl);
    await memory(serviceUrl);
    await startTime();
    if (profile) await cpuProfile(serviceUrl);
  } finally {
    await stub.stop();
  }

  const command = `npm run bench${quick || profile ? ` -- ${argv.join(' ')}` : ''}`;
  const date = new Date().toISOString();
  const result = { date, command, quick, machine: info, seconds: (Date.now() - began) / 1000, rows, notes, raw };
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  if (quick) {
    // Ignored by git (*.tmp): a quick run never replaces the committed figures.
    writeFileSync(path.join(dir, 'quick.tmp'), `${JSON.stringify(result, null, 2)}\n`);
  } else {
    writeFileSync(path.join(dir, `${date.slice(0, 10)}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  }
  process.stdout.write(
    `\n\`${command}\` — ${date.slice(0, 16).replace('T', ' ')} UTC, ${info.cores}× ${info.cpu}, ${info.memoryGb} GB, node ${info.node}, ${info.os}\n\n${table()}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
