import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the outbox can tell about its backlog when /metrics is read (services/outbox/outbox.ts). */
export interface BacklogSource {
  backlog(): Promise<{ queued: number; due: number; inFlight: number }>;
}

/** Seconds buckets for work a person waits on: a chat turn, a Slack request, a store call, an API call. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The assistant's Prometheus series, on a registry of its own (not prom-client's global one) so two
 * assistants in one process (the tests) never share a count. Served at GET /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private backlogSource?: BacklogSource;

  readonly turns = new Counter({
    name: 'csp_turns_total',
    help: 'Bot Framework turns by activity type and outcome (ok | error).',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'csp_turn_duration_seconds',
    help: 'Time to run one Bot Framework turn.',
    labelNames: ['kind', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly slackRequests = new Counter({
    name: 'csp_slack_requests_total',
    help: 'Slack requests by kind (command, block_actions, view_submission, event:<type>, ...) and outcome.',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly slackSeconds = new Histogram({
    name: 'csp_slack_request_duration_seconds',
    help: 'Time to handle one Slack request, listeners included.',
    labelNames: ['kind', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly slackAckPhaseSeconds = new Histogram({
    name: 'csp_slack_ack_phase_seconds',
    help: 'Where a Slack request waits before its answer: read (the body), verify (timestamp, signature, parse), ledger (the delivery claim), bolt (Bolt and the listener up to the ack written), total.',
    labelNames: ['phase'],
    // Finer than LATENCY_BUCKETS at the low end: Slack's answer is meant to take a few milliseconds (issue 18).
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'csp_store_errors_total',
    help: 'Store operations that failed, by operation.',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly storeSeconds = new Histogram({
    name: 'csp_store_operation_duration_seconds',
    help: 'Time of one store operation (read, compareAndSet, indexRange, ...).',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly apiCalls = new Counter({
    name: 'csp_api_calls_total',
    help: 'Calls to Partner Center (api="partner_center") and Microsoft Graph (api="graph") by operation and status.',
    labelNames: ['api', 'operation', 'status'],
    registers: [this.registry],
  });
  readonly apiSeconds = new Histogram({
    name: 'csp_api_call_duration_seconds',
    help: 'Time of one Partner Center or Graph call, retries included.',
    labelNames: ['api', 'operation'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly notices = new Counter({
    name: 'csp_notices_total',
    help: 'Proactive notices by platform (teams | slack) and outcome (sent | throttled | retried | gone | dead).',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    const backlog = () => this.backlogSource?.backlog();
    new Gauge({
      name: 'csp_outbox_jobs',
      help: 'Outbox jobs by state: queued (all pending), due (pending and due now), in_flight (being delivered here).',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await backlog();
        if (!counts) return;
        this.set({ state: 'queued' }, counts.queued);
        this.set({ state: 'due' }, counts.due);
        this.set({ state: 'in_flight' }, counts.inFlight);
      },
    });
  }

  /** The outbox whose backlog the gauge reads (it is built after the metrics). */
  watchBacklog(source: BacklogSource) {
    this.backlogSource = source;
  }

  /** Times `work` into a counter and a histogram sharing `labels`, with outcome ok or error. */
  async time<T>(
    counter: Counter<'kind' | 'outcome'>,
    histogram: Histogram<'kind' | 'outcome'>,
    kind: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const stop = histogram.startTimer({ kind });
    try {
      const result = await work();
      counter.inc({ kind, outcome: 'ok' });
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      counter.inc({ kind, outcome: 'error' });
      stop({ outcome: 'error' });
      throw error;
    }
  }
}
