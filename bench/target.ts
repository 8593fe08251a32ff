import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import type { Assistant } from '../bot/assistant';
import { startAssistant } from '../bot/assistant';
import { loadConfig } from '../bot/config';
import { FEATURES } from '../bot/features';
import { applyHeapGrowth } from '../bot/heapGrowth';
import { answerParent, type ParentMessage } from './child';
import { BENCH_METRICS_TOKEN, BENCH_NOTICE, type BenchHandles, benchFeature } from './benchFeature';
import { fanoutTenantOf } from './load';
import { mainThreadUse } from './mainThreadUse';

/**
 * One benchmarked server in its own process (forked by bench/run.ts): the echo baseline or the real
 * assistant. IPC: sends `{ ready, port }`, then answers `{ id, cmd }` with `{ id, result | error }`.
 */
export interface TargetOptions {
  /** The echo baseline, the peer (a BotBuilder-samples bot on the same store, bench/peerBot.ts), or the assistant. */
  kind: 'echo' | 'peer' | 'assistant';
  store?: 'sqlite' | 'redis';
  redisUrl?: string;
  /** Slack on, with its Web API at this URL. */
  slackApiUrl?: string;
  slackSigningSecret?: string;
}

/** The event loop's delay over a load, in ms (`loopDelayStart`, then `loopDelayRead`). */
export interface LoopDelay {
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FanoutRequest {
  runId: string;
  /** The reseller tenants whose people have installed the app (bench/load.ts `installs`). */
  tenants: number;
  noticesPerTenant: number;
  /** How many notifier calls are in flight at once. */
  concurrency: number;
  /**
   * With several instances on one Redis: this instance enqueues the notices of every `of`-th tenant from
   * `index`, as a load balancer would spread the requests that cause them (default: all of them).
   */
  shard?: { index: number; of: number };
}

export interface FanoutReply {
  notifier: string;
  features: string[];
  enqueueMs: number;
  failedCalls: number;
  failureSamples: string[];
}

/**
 * The notices of the fan-out, through the notifier the assistant wires: each tenant's people were
 * recorded by the bot itself when they installed the app (bench/run.ts), so `teamsTenant` finds them.
 */
async function fanout(handles: BenchHandles, assistant: Assistant, request: FanoutRequest): Promise<FanoutReply> {
  const { notifier } = handles;
  if (!notifier) throw new Error('the bench feature did not receive a notifier');
  const shard = request.shard ?? { index: 0, of: 1 };
  const tenants = Array.from({ length: request.tenants }, (_, i) => i)
    .filter((i) => i % shard.of === shard.index)
    .map((i) => fanoutTenantOf(request.runId, i));
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

interface TargetMessage extends ParentMessage {
  fanout?: FanoutRequest;
  tenants?: string[];
  /** `memory`: collect garbage first (the child runs with --expose-gc), to see what is retained. */
  collect?: boolean;
}

/** One of V8's heap spaces: what it holds committed, and what of that is in use. */
interface SpaceUsage {
  name: string;
  size: number;
  used: number;
}

/** The event loop's delay (perf_hooks, 10 ms resolution) from `start` to `read`, in ms. */
function eventLoopDelay() {
  let histogram: IntervalHistogram | undefined;
  return {
    start() {
      histogram?.disable();
      histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      return true;
    },
    read(): LoopDelay | undefined {
      if (!histogram) return undefined;
      histogram.disable();
      const ms = (ns: number) => ns / 1e6;
      const figures = {
        mean: ms(histogram.mean),
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      };
      histogram = undefined;
      return figures;
    },
  };
}

/**
 * Resident memory as the process sees it; after a full collection when asked (and when gc is exposed).
 * With the size of V8's young generation: start-up's allocations grow it, and V8 keeps it reserved after.
 */
function memory(collect: boolean): NodeJS.MemoryUsage & { newSpace: number; spaces: SpaceUsage[] } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    gc();
  }
  const statistics = getHeapSpaceStatistics();
  const newSpace = statistics.find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  const spaces = statistics.map((space) => ({
    name: space.space_name,
    size: space.space_size,
    used: space.space_used_size,
  }));
  return { ...process.memoryUsage(), newSpace, spaces };
}

/** For the enrolment bench: how many of these tenants have the primary contact the load saved (E2, E4). */
async function drafts(assistant: Assistant, tenants: string[]): Promise<{ saved: number; answeredBy: number }> {
  let saved = 0;
  let answeredBy = 0;
  for (const tenantId of tenants) {
    const draft = await assistant.store.records.read<{
      primaryContact?: { email?: string };
      answeredBy?: Record<string, unknown>;
    }>(`partner:${tenantId}`);
    if (draft?.value.primaryContact?.email) saved += 1;
    // Who answered is kept in the draft (services/enrolment/enrolmentService.ts).
    if (draft?.value.answeredBy?.['primary-contact']) answeredBy += 1;
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

  // Each kind loads only its own code: the peer's botbuilder-dialogs index (prompts, recognizers) in the
  // assistant's process was 40 MB of the assistant's measured idle memory that the assistant never loads.
  if (options.kind === 'echo') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEchoBot } = require('./echoBot') as typeof import('./echoBot');
    const echo = await startEchoBot();
    port = echo.port;
    close = echo.close;
  } else if (options.kind === 'peer') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startPeerBot } = require('./peerBot') as typeof import('./peerBot');
    const peer = await startPeerBot({ store: options.store ?? 'sqlite', redisUrl: options.redisUrl });
    port = peer.port;
    close = peer.close;
  } else {
    // As bot/index.ts starts it: V8's heap growth set before anything runs (the memory section's second
    // run gives node --heap-growing-percent=0 to measure V8's own growth beside it).
    applyHeapGrowth();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      // BENCH_LOG_LEVEL=warn shows what the assistant logs under load (silent by default).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      // BENCH_APPROVALS_AT_ONCE tries another bound on the approvals under way (the default otherwise).
      APPROVALS_AT_ONCE: process.env.BENCH_APPROVALS_AT_ONCE,
      DATA_DIR: dataDir,
      // The fan-out reads each instance's notice counters (csp_notices_total) from /metrics.
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      STORE: options.store ?? 'sqlite',
      REDIS_URL: options.store === 'redis' ? options.redisUrl : undefined,
      // The approval bench's road: the operator moves verification (scripts/sandbox.ts), not the sandbox's clock.
      SANDBOX_VERIFICATION_STEP_MS: String(24 * 60 * 60 * 1000),
      ...(options.slackApiUrl
        ? {
            SLACK_SIGNING_SECRET: options.slackSigningSecret,
            SLACK_BOT_TOKEN: 'xoxb-bench-token',
            SLACK_API_URL: options.slackApiUrl,
          }
        : {}),
    });
    assistant = await startAssistant(config, {
      features: [...FEATURES, benchFeature(handles)],
      // Slack lets a channel take about one message a second: the approval bench's road submits its 1,100
      // requests in seconds, and waiting 18 minutes for their messages would measure nothing more.
      slackChannelPace: { perSecond: 10_000, burst: 10_000 },
    });
    port = assistant.port;
    close = assistant.close;
  }

  const loopDelay = eventLoopDelay();
  const mainThread = mainThreadUse();
  answerParent<TargetMessage>(
    async (message) => {
      if (message.cmd === 'memory') return memory(message.collect === true);
      // A heap snapshot after a full collection (the memory section's --heap), where the parent can read it.
      if (message.cmd === 'snapshot') {
        memory(true);
        return writeHeapSnapshot(path.join(os.tmpdir(), `csp-bench-${process.pid}-${Date.now()}.heapsnapshot`));
      }
      // The clock a CPU profile's timestamps are on, to cut the load's window out of it.
      if (message.cmd === 'clock') return Number(process.hrtime.bigint() / 1000n);
      // How late the event loop ran its timers during a load (the Slack ack's wait for the approvals beside it).
      if (message.cmd === 'loopDelayStart') return loopDelay.start();
      if (message.cmd === 'loopDelayRead') return loopDelay.read();
      // How busy the main thread was over a Teams load (bound by its CPU, or waiting).
      if (message.cmd === 'mainThreadStart') return mainThread.start();
      if (message.cmd === 'mainThreadRead') return mainThread.read();
      if (message.cmd === 'fanout' && assistant && message.fanout) return fanout(handles, assistant, message.fanout);
      // Where the operator's scripts/sandbox.ts finds this assistant's store (the approval bench's road).
      if (message.cmd === 'store')
        return { dataDir, redisUrl: options.store === 'redis' ? options.redisUrl : undefined };
      if (message.cmd === 'drafts' && assistant && message.tenants) return drafts(assistant, message.tenants);
      throw new Error(`unknown command ${message.cmd}`);
    },
    async () => {
      try {
        await close();
      } finally {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
  process.send?.({ ready: true, port });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench target failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
