import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { isCardSubmission } from '../../dialogs/cardSubmission';
import { LruMap } from '../lruMap';

/**
 * The same card button pressed twice: a double click sends two distinct activities (two ids, so the
 * channel's own redelivery check does not see them) with the same card (`replyToId`), the same data
 * and the same person. The first is answered; the second, while the first is in flight or just after
 * it was handled, is dropped, so one press has one effect and one answer. Claims are records of the
 * shared store, so two instances behind a load balancer agree. The record is the person's last press in
 * the conversation: any other press in between (answering another card) makes the same button, pressed
 * again later, a new press and not a double click.
 *
 * A person's next press usually finds the record this process wrote at their last one: it is replaced at
 * the version remembered, one compare-and-set, instead of a create that fails, a read and a write (issue
 * 18). The memory is only a guess at the version: a write that does not land (another instance, an expired
 * record) falls back to reading, and a press the memory calls a repeat is read again before it is dropped.
 */

/** What a claimed submission tells the guard when its turn ends. */
export interface SubmissionClaim {
  /**
   * The turn answered: a repeat within the grace period is dropped. The turn need not wait for it; this
   * process's next claim on the same key waits for it, so a person's next press is never judged against a
   * half-written record.
   */
  handled(): Promise<void>;
  /** The turn failed: the same press again is a retry, and runs. */
  failed(): Promise<void>;
}

/**
 * `claimed`: a turn is answering the press, renewed while it runs, so the record is live for the grace
 * after its last renewal and a turn that died lets the press run again after the grace. `handled`: a slow
 * turn answered (the grace counts from the answer). `in-flight`: the claim of a version before renewals,
 * live for `inFlightMs` since it was written.
 */
interface ClaimRecord {
  /** Which press: the card, its data and the person, hashed. */
  press: string;
  state: 'claimed' | 'handled' | 'in-flight';
  at: string;
}

export interface RepeatedSubmissionsOptions {
  records: AtomicStore;
  clock: () => Date;
  /** How long after a press was claimed or answered the same press counts as its repeat (a double click). */
  graceMs?: number;
  /** An older version's claim ("in-flight", never renewed) still unanswered after this long belongs to a turn that died. */
  inFlightMs?: number;
}

const KEEP_MS = 10 * 60 * 1000;
/** People whose last claim this process remembers; a miss costs the read it always cost. */
const REMEMBERED = 10_000;
const NO_CLAIM: SubmissionClaim = { handled: async () => {}, failed: async () => {} };

export class RepeatedSubmissions {
  private readonly graceMs: number;
  private readonly inFlightMs: number;
  private readonly written = new LruMap<string, { version: number; record: ClaimRecord }>(REMEMBERED);
  /** `handled` writes under way, by key (one at a time a person: bounded by the turns in flight). */
  private readonly settling = new Map<string, Promise<void>>();
  /** Claims `begin` started, by delivery, until the turn takes them up (bounded by the requests in flight). */
  private readonly early = new Map<string, Promise<SubmissionClaim | undefined>>();

  constructor(private readonly options: RepeatedSubmissionsOptions) {
    this.graceMs = options.graceMs ?? 5_000;
    this.inFlightMs = options.inFlightMs ?? 60_000;
  }

  /**
   * Starts this press's claim at the edge, beside the delivery ledger's claim, for the turn's `claim` to
   * take up (issue 18: a card press waited for two store writes one after the other before its turn ran).
   * Only for a request already authenticated; `release` gives it back when the turn does not run.
   */
  begin(activity: Partial<Activity>): void {
    const id = deliveryOf(activity);
    // Worked out once: the press's hash (its values as canonical JSON, SHA-256) is most of what a claim costs.
    const identity = id ? pressIdentity(activity) : undefined;
    if (!id || !identity) return;
    const early = this.claimNow(identity);
    early.catch(() => {});
    this.early.set(id, early);
  }

  /** The delivery will not run its turn (a redelivery the ledger answered): what `begin` claimed is given back. */
  async release(activity: Partial<Activity>): Promise<void> {
    const id = deliveryOf(activity);
    const early = id ? this.early.get(id) : undefined;
    if (!id || !early) return;
    this.early.delete(id);
    const claim = await early.catch(() => undefined);
    await claim?.failed();
  }

  /** A claim on this press (the one `begin` started, if it did), or `undefined` when it repeats one in flight or just handled. */
  async claim(activity: Partial<Activity>): Promise<SubmissionClaim | undefined> {
    const id = deliveryOf(activity);
    const early = id ? this.early.get(id) : undefined;
    if (id && early) {
      this.early.delete(id);
      return early;
    }
    const identity = pressIdentity(activity);
    return identity ? this.claimNow(identity) : NO_CLAIM;
  }

  private async claimNow({ key, press }: PressIdentity): Promise<SubmissionClaim | undefined> {
    const { records, clock } = this.options;
    await this.settling.get(key);
    const claimedAt = clock().getTime();
    const fresh: ClaimRecord = { press, state: 'claimed', at: new Date(claimedAt).toISOString() };
    const known = this.written.get(key);
    const repeatsKnown = known !== undefined && known.record.press === press && this.isLive(known.record);
    let version: number | undefined;
    if (known && !repeatsKnown) version = await records.compareAndSet(key, known.version, fresh, { ttlMs: KEEP_MS });
    else if (!known) version = await records.compareAndSet(key, undefined, fresh, { ttlMs: KEEP_MS });
    // Bounded: each failed attempt means another press of this person landed meanwhile.
    for (let attempt = 0; version === undefined && attempt < 3; attempt++) {
      const current = await records.read<ClaimRecord>(key);
      if (current && current.value.press === press && this.isLive(current.value)) return undefined;
      // Another press since, an old press, or a claim left by a turn that died: this one is a new press.
      version = await records.compareAndSet(key, current?.version, fresh, { ttlMs: KEEP_MS });
    }
    if (version === undefined) {
      this.written.delete(key);
      return undefined;
    }
    this.written.set(key, { version, record: fresh });
    return this.heldClaim(key, press, version, claimedAt);
  }

  /**
   * A claim while its turn runs. A turn answered within half the grace writes nothing more: its claim
   * already drops a repeat for the grace (issue 18: one store write a press instead of two). A longer turn
   * renews its claim every half grace, so it stays live however long the turn takes and lapses soon after a
   * process that died; when such a turn answers, "handled" starts the grace from the answer. Renewals stop
   * after `inFlightMs`: a claim nobody answers or gives back (a bug) must not be written forever.
   */
  private heldClaim(key: string, press: string, version: number, claimedAt: number): SubmissionClaim {
    const { records, clock } = this.options;
    let held: number | undefined = version;
    // One write at a time on the record: a renewal, then the answer's or the failure's.
    let writes = Promise.resolve();
    let renewed = false;
    const rewrite = (record: ClaimRecord) => {
      writes = writes.then(async () => {
        if (held === undefined) return;
        held = await records.compareAndSet(key, held, record, { ttlMs: KEEP_MS }).catch(() => undefined);
        if (held === undefined) this.written.delete(key);
        else this.written.set(key, { version: held, record });
      });
      return writes;
    };
    const renewUntil = Date.now() + this.inFlightMs;
    const renew = () => {
      renewed = true;
      void rewrite({ press, state: 'claimed', at: clock().toISOString() });
      if (Date.now() < renewUntil) timer = setTimeout(renew, this.graceMs / 2).unref();
    };
    let timer = setTimeout(renew, this.graceMs / 2).unref();
    return {
      handled: () => {
        clearTimeout(timer);
        if (!renewed && clock().getTime() - claimedAt < this.graceMs / 2) return writes;
        const settled = rewrite({ press, state: 'handled', at: clock().toISOString() });
        this.settling.set(key, settled);
        void settled.finally(() => {
          if (this.settling.get(key) === settled) this.settling.delete(key);
        });
        return settled;
      },
      failed: async () => {
        clearTimeout(timer);
        this.written.delete(key);
        await writes;
        if (held !== undefined) await records.remove(key, held);
      },
    };
  }

  private isLive(record: ClaimRecord): boolean {
    const age = this.options.clock().getTime() - Date.parse(record.at);
    return age < (record.state === 'in-flight' ? this.inFlightMs : this.graceMs);
  }
}

/** One delivery of an activity: its conversation and id (a redelivery has the same). */
function deliveryOf(activity: Partial<Activity>): string | undefined {
  return activity.id && activity.conversation?.id ? `${activity.conversation.id}\n${activity.id}` : undefined;
}

/**
 * Which press an activity is (a card submission from one person on one card with one set of values),
 * kept under that person's key in the conversation.
 */
interface PressIdentity {
  /** The person's record in the conversation. */
  key: string;
  /** Which press: the card, its data and the person, hashed. */
  press: string;
}

function pressIdentity(activity: Partial<Activity>): PressIdentity | undefined {
  if (activity.type !== 'message' || !isCardSubmission(activity) || !activity.replyToId) return undefined;
  const who = activity.from?.aadObjectId ?? activity.from?.id ?? '';
  const person = [activity.conversation?.id ?? '', who];
  const press = hash([...person, activity.replyToId, canonicalJson(activity.value)]);
  return { key: `teams:press:${hash(person)}`, press };
}

const hash = (parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);

/** JSON with object keys sorted, so the same values in another key order are the same press. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
