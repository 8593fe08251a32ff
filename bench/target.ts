import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Assistant } from '../bot/assistant';
import { startAssistant } from '../bot/assistant';
import { loadConfig } from '../bot/config';
import { FEATURES } from '../bot/features';
import { type ApprovalSeedRequest, seedApprovals } from './approvalSeed';
import { BENCH_NOTICE, type BenchHandles, benchFeature } from './benchFeature';
import { startEchoBot } from './echoBot';

/**
 * One benchmarked server in its own process (forked by bench/run.ts): the echo baseline or the real
 * assistant. IPC: sends `{ ready, port }`, then answers `{ id, cmd }` with `{ id, result | error }`.
 */
export interface TargetOptions {
  kind: 'echo' | 'assistant';
  store?: 'sqlite' | 'redis';
  redisUrl?: string;
  /** Slack on, with its Web API at this URL. */
  slackApiUrl?: string;
  slackSigningSecret?: string;
}

export interface FanoutRequest {
  runId: string;
  serviceUrl: string;
  tenants: number;
  usersPerTenant: number;
  noticesPerTenant: number;
  /** How many notifier calls are in flight at once. */
  concurrency: number;
}

export interface FanoutReply {
  notifier: string;
  features: string[];
  seedMs: number;
  enqueueMs: number;
  failedCalls: number;
  failureSamples: string[];
}

export const tenantIdOf = (runId: string, index: number) =>
  `${runId.slice(0, 8).padEnd(8, '0')}-0000-4000-8000-${String(index).padStart(12, '0')}`;

async function fanout(handles: BenchHandles, assistant: Assistant, request: FanoutRequest): Promise<FanoutReply> {
  const { notifier, references } = handles;
  if (!notifier || !references) throw new Error('the bench feature did not receive a notifier');
  const seedStarted = performance.now();
  const tenants = Array.from({ length: request.tenants }, (_, i) => tenantIdOf(request.runId, i));
  await pool(
    tenants.flatMap((tenantId) =>
      Array.from({ length: request.usersPerTenant }, (_, u) => async () => {
        // Entra object ids are unique across tenants: the outbox's dedupe key relies on it.
        const aadObjectId = `${tenantId.slice(0, 8)}-${String(u).padStart(4, '0')}-4000-a000-${tenantId.slice(-12)}`;
        await references.remember(
          tenantId,
          aadObjectId,
          {
            channelId: 'msteams',
            serviceUrl: request.serviceUrl,
            bot: { id: '28:bot-id', name: 'CSP Partner Assistant' },
            user: { id: `29:${aadObjectId}`, name: 'Reseller', aadObjectId } as never,
            conversation: {
              id: `a:fanout-${tenantId}-${u}`,
              conversationType: 'personal',
              tenantId,
              isGroup: false,
              name: '',
            },
          },
          'en',
        );
      }),
    ),
    32,
  );
  const seedMs = performance.now() - seedStarted;

  let failedCalls = 0;
  const failureSamples: string[] = [];
  const started = performance.now();
  const calls = [];
  for (let k = 0; k < request.noticesPerTenant; k++) {
    for (const tenantId of tenants) {
      const key = `${request.runId}:${k}`;
      calls.push(async () => {
        try {
          await notifier.teamsTenant(tenantId, { renderer: BENCH_NOTICE, params: { key } }, key);
        } catch (error) {
          failedCalls += 1;
          if (failureSamples.length < 3) failureSamples.push(error instanceof Error ? error.message : String(error));
        }
      });
    }
  }
  await pool(calls, request.concurrency);
  return {
    notifier: notifier.constructor.name,
    features: assistant.features.map((f) => f.name),
    seedMs,
    enqueueMs: performance.now() - started,
    failedCalls,
    failureSamples,
  };
}

/** Runs tasks with at most `limit` in flight. */
async function pool(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

interface TargetMessage {
  id: number;
  cmd: string;
  fanout?: FanoutRequest;
  approvals?: ApprovalSeedRequest;
  tenants?: string[];
  /** `memory`: collect garbage first (the child runs with --expose-gc), to see what is retained. */
  collect?: boolean;
}

/** Resident memory as the process sees it; after a full collection when asked (and when gc is exposed). */
function memory(collect: boolean): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    gc();
  }
  return process.memoryUsage();
}

/** For the enrolment bench: how many of these tenants have the primary contact the load saved (E2, E4). */
async function drafts(assistant: Assistant, tenants: string[]): Promise<{ saved: number; answeredBy: number }> {
  let saved = 0;
  let answeredBy = 0;
  for (const tenantId of tenants) {
    const draft = await assistant.store.records.read<{ primaryContact?: { email?: string } }>(`partner:${tenantId}`);
    if (draft?.value.primaryContact?.email) saved += 1;
    const log = await assistant.store.records.read<{ answers?: Record<string, unknown> }>(
      `enrolment:progress:${tenantId}`,
    );
    if (log?.value.answers?.['primary-contact']) answeredBy += 1;
  }
  return { saved, answeredBy };
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as TargetOptions;
  let close: () => Promise<void>;
  let port: number;
  let dataDir: string | undefined;
  const handles: BenchHandles = {};
  let assistant: Assistant | undefined;

  if (options.kind === 'echo') {
    const echo = await startEchoBot();
    port = echo.port;
    close = echo.close;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      // BENCH_LOG_LEVEL=warn shows what the assistant logs under load (silent by default).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      DATA_DIR: dataDir,
      STORE: options.store ?? 'sqlite',
      REDIS_URL: options.store === 'redis' ? options.redisUrl : undefined,
      ...(options.slackApiUrl
        ? {
            SLACK_SIGNING_SECRET: options.slackSigningSecret,
            SLACK_BOT_TOKEN: 'xoxb-bench-token',
            SLACK_API_URL: options.slackApiUrl,
          }
        : {}),
    });
    assistant = await startAssistant(config, { features: [...FEATURES, benchFeature(handles)] });
    port = assistant.port;
    close = assistant.close;
  }

  process.on('message', async (message: TargetMessage) => {
    try {
      let result: unknown;
      if (message.cmd === 'memory') result = memory(message.collect === true);
      // The clock a CPU profile's timestamps are on, to cut the load's window out of it.
      else if (message.cmd === 'clock') result = Number(process.hrtime.bigint() / 1000n);
      else if (message.cmd === 'fanout' && assistant && message.fanout)
        result = await fanout(handles, assistant, message.fanout);
      else if (message.cmd === 'seedApprovals' && handles.deps && message.approvals)
        result = await seedApprovals(handles.deps, message.approvals);
      else if (message.cmd === 'drafts' && assistant && message.tenants)
        result = await drafts(assistant, message.tenants);
      else if (message.cmd === 'exit') {
        // Exit normally even if closing fails, so that --cpu-prof still writes its profile.
        const closed = await close().then(
          () => true,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        process.send?.({ id: message.id, result: closed }, () => process.exit(0));
        return;
      } else throw new Error(`unknown command ${message.cmd}`);
      process.send?.({ id: message.id, result });
    } catch (error) {
      process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true, port });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench target failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
