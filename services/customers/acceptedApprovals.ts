/**
 * Approve clicks Slack has been answered for but whose approval has not run yet (issue 18): the approvals
 * wait their turn in a bounded queue (bot/slack/customers/approvalQueue.ts), so an ack no longer means the
 * approval started. Each click is recorded here before its ack and removed once its approval has run, so a
 * process that stops or crashes with clicks still waiting leaves them to the recovery pass
 * (bot/features/customers.ts) instead of losing them: the request would stay pending and the rep who
 * clicked would never hear back. One ordered index of the store (a Redis sorted set, the SQLite index
 * table), one write a click; scored by when the click was taken, so a pass finds the overdue ones.
 */
import type { AtomicStore } from '../storage/atomicStore';

const ACCEPTED = 'customers:approvals-accepted';

/**
 * How long a click may wait in its instance's queue before a recovery pass takes it over, as for an
 * approval under way (approvalExecution.ts). A pass that takes one still waiting elsewhere is harmless:
 * the request's compare-and-set lets one approval land, and the other hears "already decided".
 */
export const ACCEPTED_APPROVAL_LEASE_MS = 2 * 60_000;

/** An Approve click acked and not yet carried out: which request, who clicked, in which Slack team. */
export interface AcceptedApproval {
  requestId: string;
  teamId: string;
  userId: string;
  /** The name Slack's payload gave (the real name is looked up when the approval runs). */
  name?: string;
}

export class AcceptedApprovals {
  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {}

  /** Before the click is acked. */
  async record(click: AcceptedApproval): Promise<void> {
    await this.records.indexAdd(ACCEPTED, memberOf(click), this.now().getTime());
  }

  /** After its approval ran, whatever the outcome (the rep was told). */
  async done(click: AcceptedApproval): Promise<void> {
    await this.records.indexRemove(ACCEPTED, memberOf(click));
  }

  /** A stopping instance leaves a click it will not run: the next recovery pass, anywhere, takes it at once. */
  async handOver(click: AcceptedApproval): Promise<void> {
    await this.records.indexAdd(ACCEPTED, memberOf(click), 0);
  }

  /** A recovery pass takes a click over: another pass leaves it alone for a lease. */
  async takeOver(click: AcceptedApproval): Promise<void> {
    await this.records.indexAdd(ACCEPTED, memberOf(click), this.now().getTime());
  }

  /** Clicks that have waited longer than a lease (or were handed over), oldest first. */
  async overdue(): Promise<AcceptedApproval[]> {
    const entries = await this.records.indexRange(ACCEPTED, {
      max: this.now().getTime() - ACCEPTED_APPROVAL_LEASE_MS,
      limit: 1000,
    });
    return entries.flatMap((entry) => clickOf(entry.member) ?? []);
  }
}

/** The click is its own index member (one write a click); JSON, as Slack's ids and names are not ours to parse. */
function memberOf(click: AcceptedApproval): string {
  return JSON.stringify([click.requestId, click.teamId, click.userId, click.name ?? '']);
}

function clickOf(member: string): AcceptedApproval | undefined {
  try {
    const [requestId, teamId, userId, name] = JSON.parse(member) as string[];
    if (!requestId || !teamId || !userId) return undefined;
    return { requestId, teamId, userId, name: name || undefined };
  } catch {
    return undefined;
  }
}
