import PQueue from 'p-queue';
import type { AcceptedApproval } from '../../../services/customers/acceptedApprovals';

/** The click whose approval waits or runs here, and since when: what a second click is told. */
export interface HeldApproval extends AcceptedApproval {
  at: Date;
}

/**
 * Approvals acked in Slack, carried out a few at a time in the order they were clicked. Each runs the
 * rules again, Partner Center's calls, attestation, the partner-of-record check and the App Home
 * refreshes; started as they were acked, 1,000 approvals filled the event loop and the store's queue, and
 * every new click's ack waited behind them (issue 18). A few at a time (APPROVALS_AT_ONCE) keep the loop
 * free for new requests; the approvals' own rate is what the store and the CPU give anyway. A request's
 * first click holds it until its approval has run, so a second click (the same rep twice, or another
 * approver) is answered at once with who is approving it instead of queueing a second approval.
 */
export class ApprovalQueue {
  private readonly queue: PQueue;
  private readonly held = new Map<string, HeldApproval>();
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(atOnce: number) {
    this.queue = new PQueue({ concurrency: atOnce });
  }

  /**
   * Holds the click's request for it (synchronously, so two clicks at once cannot both take it); the
   * click already holding it otherwise, and the caller answers with that one instead.
   */
  hold(click: HeldApproval): { taken: true } | { taken: false; by: HeldApproval } {
    const by = this.held.get(click.requestId);
    if (by) return { taken: false, by };
    this.held.set(click.requestId, click);
    return { taken: true };
  }

  /** Whether a click on `requestId` waits or runs here (the recovery pass leaves those alone). */
  holds(requestId: string): boolean {
    return this.held.has(requestId);
  }

  /**
   * Runs a held click's `work` when its turn comes, then lets go of the request; resolves when the work
   * has finished. After `stop` the work never starts and this never resolves: the click was left to the
   * recovery pass.
   */
  async run(click: AcceptedApproval, work: () => Promise<void>): Promise<void> {
    try {
      await this.queue.add(async () => {
        this.running.add(click.requestId);
        try {
          await work();
        } finally {
          this.running.delete(click.requestId);
        }
      });
    } finally {
      if (!this.stopped) this.held.delete(click.requestId);
    }
  }

  /** Lets go of a click whose work will not be run (its ack failed, say). */
  release(requestId: string) {
    this.held.delete(requestId);
  }

  /** How many approvals wait and how many run, for the logs. */
  get size(): { waiting: number; running: number } {
    return { waiting: this.queue.size, running: this.queue.pending };
  }

  /**
   * The instance stops: nothing more starts, the approvals under way finish, and the clicks still
   * waiting are returned for the caller to hand over (AcceptedApprovals.handOver).
   */
  async stop(): Promise<HeldApproval[]> {
    this.stopped = true;
    this.queue.pause();
    const waiting = [...this.held.values()].filter((click) => !this.running.has(click.requestId));
    while (this.queue.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    return waiting;
  }
}
