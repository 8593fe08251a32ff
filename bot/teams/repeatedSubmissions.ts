import { hash as digest } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { AtomicStore, Versioned } from '../../services/storage/atomicStore';
import type { UnitOfWork } from '../../services/storage/unitOfWork';
import { isCardSubmission } from '../../dialogs/cardSubmission';
import { LRUCache } from 'lru-cache';
import { type Liveness, ranOnStoppedInstance } from '../deliveryLedger';
import { deliveriesWith, deliveryIn, type PressDelivery, type PressRecord } from './pressRecord';

/**
 * The same card button pressed twice: a double click sends two distinct activities (two ids, so the
 * channel's own redelivery check does not see them) with the same card (`replyToId`), the same data
 * and the same person. The first is answered; the second, while the first is in flight or just after
 * it was handled, is dropped, so one press has one effect and one answer. Claims are records of the
 * shared store, so two instances behind a load balancer agree. The record is the person's last press in
 * the conversation: any other press in between (answering another card) makes the same button, pressed
 * again later, a new press and not a double click.
 *
 * The record also keeps the person's last few deliveries (activity ids): a press Teams sends again, the
 * same activity, is answered once and not run again, for as long as the delivery ledger would have kept it.
 * So a card press is claimed once, here, and not also in the ledger (issue 18: the ledger's claim and this
 * one were two store writes before every press's turn).
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
  /** The turn failed: the same press again, and Teams' retry of the same delivery, run. */
  failed(): Promise<void>;
}

export interface RepeatedSubmissionsOptions {
  records: AtomicStore;
  clock: () => Date;
  /** How long after a press was claimed or answered the same press counts as its repeat (a double click). */
  graceMs?: number;
  /** An older version's claim ("in-flight", never renewed) still unanswered after this long belongs to a turn that died. */
  inFlightMs?: number;
  /**
   * Which instances run (the outbox's heartbeats): a delivery Teams sends again whose first turn ran on an
   * instance that has stopped since runs again, as the delivery ledger does (it may have died mid-turn).
   * Without it, a delivery answered once is never run again.
   */
  liveness?: Liveness;
}

/** As long as the delivery ledger keeps a delivery: longer than Teams' retries. */
const KEEP_MS = 60 * 60_000;
/** People whose last claim this process remembers; a miss costs the read it always cost. */
const REMEMBERED = 10_000;
const NO_CLAIM: SubmissionClaim = { handled: async () => {}, failed: async () => {} };

export class RepeatedSubmissions {
  private readonly graceMs: number;
  private readonly inFlightMs: number;
  private readonly written = new LRUCache<string, { version: number; record: PressRecord }>({ max: REMEMBERED });
  /** `handled` writes under way, by key (one at a time a person: bounded by the turns in flight). */
  private readonly settling = new Map<string, Promise<void>>();

  constructor(private readonly options: RepeatedSubmissionsOptions) {
    this.graceMs = options.graceMs ?? 5_000;
    this.inFlightMs = options.inFlightMs ?? 60_000;
  }

  /**
   * Starts this press's claim at the edge, for its turn to take up (issue 18: a card press waited for two
   * store writes one after the other before its turn ran). Only for a request already authenticated. Given
   * for a card press with an activity id, whose claim also stands for the delivery: the delivery ledger
   * need not claim it too. Each request holds its own, so a redelivery at the edge meanwhile cannot take it.
   */
  begin(activity: Partial<Activity>): EarlyPressClaim | undefined {
    // Worked out once: the press's hash (its values as canonical JSON, SHA-256) is most of what a claim costs.
    const identity = activity.id ? pressIdentity(activity) : undefined;
    return identity ? new EarlyPressClaim(this.claimNow(identity, activity.id)) : undefined;
  }

  /**
   * A claim on this press (the one begun at the edge, when given), or `undefined` when it repeats one in
   * flight or just handled, or when Teams sends again a delivery that was answered.
   */
  async claim(activity: Partial<Activity>, early?: EarlyPressClaim): Promise<SubmissionClaim | undefined> {
    if (early) return early.take();
    const identity = pressIdentity(activity);
    return identity ? this.claimNow(identity, activity.id) : NO_CLAIM;
  }

  /**
   * For a turn that commits once (turnCommit.ts): whether this press may run, judged on the person's record
   * as read now (the edge read it ahead, firstReads.ts), writing nothing; `undefined` when it repeats a press
   * answered or in flight, or is a delivery answered already. What it returns stages the press's claim in
   * the turn's unit at the turn's end, so the claim lands with the turn's commit, written at the version
   * read: a press of the same person that landed meanwhile (the other click of a double click) makes the
   * commit fail, and the turn runs again the ordinary way, where `claim` drops it.
   */
  async forCommit(activity: Partial<Activity>): Promise<StagedPress | undefined> {
    const identity = pressIdentity(activity);
    if (!identity) return NOTHING_TO_STAGE;
    const { key, press } = identity;
    const { records, clock } = this.options;
    const current = await records.read<PressRecord>(key);
    if (current && !(await this.isNewPress(current.value, press, activity.id))) return undefined;
    const delivery = this.deliveryOf(activity.id);
    return {
      stage: (unit) => {
        // What this process remembers of the record is out of date once the commit lands.
        this.written.delete(key);
        const record = pressRecord(press, 'handled', clock().toISOString(), current?.value, delivery);
        unit.stage({ key, expectedVersion: current?.version, value: record, ttlMs: KEEP_MS });
      },
    };
  }

  private async claimNow(
    { key, press }: PressIdentity,
    deliveryId: string | undefined,
  ): Promise<SubmissionClaim | undefined> {
    const { records, clock } = this.options;
    await this.settling.get(key);
    const claimedAt = clock().getTime();
    const delivery = this.deliveryOf(deliveryId);
    const recordAfter = (before: PressRecord | undefined) =>
      pressRecord(press, 'claimed', new Date(claimedAt).toISOString(), before, delivery);
    const known = this.written.get(key);
    // The memory is only a guess: what it calls a repeat or a redelivery is read again before it is dropped.
    const doubtful =
      known !== undefined &&
      ((known.record.press === press && this.isLive(known.record)) ||
        deliveryIn(known.record, deliveryId) !== undefined);
    let claimed: { version: number; record: PressRecord } | undefined;
    if (!doubtful) {
      const record = recordAfter(known?.record);
      const version = await records.compareAndSet(key, known?.version, record, { ttlMs: KEEP_MS });
      if (version !== undefined) claimed = { version, record };
    }
    // Bounded: each failed attempt means another press of this person landed meanwhile.
    for (let attempt = 0; claimed === undefined && attempt < 3; attempt++) {
      const current = await records.read<PressRecord>(key);
      if (current && !(await this.isNewPress(current.value, press, deliveryId))) return undefined;
      const record = recordAfter(current?.value);
      const version = await records.compareAndSet(key, current?.version, record, { ttlMs: KEEP_MS });
      if (version !== undefined) claimed = { version, record };
    }
    if (claimed === undefined) {
      this.written.delete(key);
      return undefined;
    }
    this.written.set(key, claimed);
    return this.heldClaim(key, claimed, claimedAt, deliveryId);
  }

  /**
   * Whether a press may run against the person's record as it stands: not a delivery the record says was
   * answered (unless the instance that answered it has stopped: it may have died mid-turn), and not the
   * same press as the record's while that one is live (a double click). Another press since, an old press,
   * or a claim left by a turn that died: a new press.
   */
  private async isNewPress(current: PressRecord, press: string, deliveryId: string | undefined): Promise<boolean> {
    const delivered = deliveryIn(current, deliveryId);
    if (delivered) return ranOnStoppedInstance(this.options.liveness, delivered.by);
    return !(current.press === press && this.isLive(current));
  }

  /**
   * A claim while its turn runs. A turn answered within half the grace writes nothing more: its claim
   * already drops a repeat for the grace (issue 18: one store write a press instead of two). A longer turn
   * renews its claim every half grace, so it stays live however long the turn takes and lapses soon after a
   * process that died; when such a turn answers, "handled" starts the grace from the answer. Renewals stop
   * after `inFlightMs`: a claim nobody answers or gives back (a bug) must not be written forever.
   */
  private heldClaim(
    key: string,
    claimed: { version: number; record: PressRecord },
    claimedAt: number,
    deliveryId: string | undefined,
  ): SubmissionClaim {
    const { records, clock } = this.options;
    let held: number | undefined = claimed.version;
    let record = claimed.record;
    // One write at a time on the record: a renewal, then the answer's or the failure's.
    let writes = Promise.resolve();
    let renewed = false;
    const rewrite = (state: PressRecord['state']) => {
      writes = writes.then(async () => {
        if (held === undefined) return;
        const next: PressRecord = { ...record, state, at: clock().toISOString() };
        held = await records.compareAndSet(key, held, next, { ttlMs: KEEP_MS }).catch(() => undefined);
        if (held === undefined) this.written.delete(key);
        else {
          record = next;
          this.written.set(key, { version: held, record });
        }
      });
      return writes;
    };
    const renewUntil = Date.now() + this.inFlightMs;
    const renew = () => {
      renewed = true;
      void rewrite('claimed');
      if (Date.now() < renewUntil) timer = setTimeout(renew, this.graceMs / 2).unref();
    };
    let timer = setTimeout(renew, this.graceMs / 2).unref();
    return {
      handled: () => {
        clearTimeout(timer);
        if (!renewed && clock().getTime() - claimedAt < this.graceMs / 2) return writes;
        const settled = rewrite('handled');
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
        await this.giveBack(key, held === undefined ? undefined : { version: held, value: record }, deliveryId);
      },
    };
  }

  /**
   * A press whose turn failed is no press: the record forgets it and its delivery, so the same press, or
   * Teams' retry of the delivery, runs. What the record says of the person's earlier deliveries is kept.
   * `mine` is the record as this claim last wrote it; should someone have written since (another press of
   * the person), only the delivery is taken out of theirs.
   */
  private async giveBack(
    key: string,
    mine: Versioned<PressRecord> | undefined,
    deliveryId: string | undefined,
  ): Promise<void> {
    const { records } = this.options;
    let current = mine;
    // Bounded: each failed attempt means another press of this person landed meanwhile.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0 || !current) current = await records.read<PressRecord>(key);
      if (!current) return;
      const ours = current.version === mine?.version;
      if (!ours && !deliveryIn(current.value, deliveryId)) return;
      const left: PressRecord = { ...current.value, ...deliveriesWith(current.value, undefined, deliveryId) };
      // This claim's own press failed: a repeat of it is no repeat.
      if (ours) delete left.press;
      const done =
        ours && left.deliveries?.length === 0
          ? await records.remove(key, current.version)
          : (await records.compareAndSet(key, current.version, left, { ttlMs: KEEP_MS })) !== undefined;
      if (done) return;
    }
  }

  /** A delivery this instance answers (none without an activity id). */
  private deliveryOf(id: string | undefined): PressDelivery | undefined {
    return id === undefined ? undefined : { id, by: this.options.liveness?.self };
  }

  private isLive(record: PressRecord): boolean {
    const age = this.options.clock().getTime() - Date.parse(record.at);
    return age < (record.state === 'in-flight' ? this.inFlightMs : this.graceMs);
  }
}

/** The person's record once `press` is claimed (`claimed`) or committed (`handled`) for `delivery`. */
function pressRecord(
  press: string,
  state: PressRecord['state'],
  at: string,
  before: PressRecord | undefined,
  delivery: PressDelivery | undefined,
): PressRecord {
  return { press, state, at, ...deliveriesWith(before, delivery) };
}

/** A press allowed to run in a turn that commits once: its claim, staged at the turn's end. */
export interface StagedPress {
  stage(unit: UnitOfWork): void;
}

const NOTHING_TO_STAGE: StagedPress = { stage: () => {} };

/**
 * The record of the person who pressed, where the edge reads it ahead for a turn that commits once; none
 * for an activity that is no card press.
 */
export function pressRecordKeyOf(activity: Partial<Activity>): string | undefined {
  // The person's key alone: the press's own hash (its values as canonical JSON) is the turn's to work out.
  return isPress(activity) ? personKey(personOf(activity)) : undefined;
}

/** A press's claim begun at the edge: its turn takes it up, or the edge gives it back when the turn does not run. */
export class EarlyPressClaim {
  private taken = false;

  constructor(private readonly claimed: Promise<SubmissionClaim | undefined>) {
    claimed.catch(() => {});
  }

  take(): Promise<SubmissionClaim | undefined> {
    this.taken = true;
    return this.claimed;
  }

  /** The turn never took the claim (it failed before): the press is given back, so Teams' retry runs. */
  async release(): Promise<void> {
    if (this.taken) return;
    this.taken = true;
    const claim = await this.claimed.catch(() => undefined);
    await claim?.failed();
  }
}

/** Where the edge leaves a turn's early claim (`TurnContext.turnState`). */
export const EARLY_PRESS_CLAIM = Symbol('the card press claim begun at the edge');

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
  if (!isPress(activity)) return undefined;
  const person = personOf(activity);
  const press = hash([...person, activity.replyToId as string, canonicalJson(activity.value)]);
  return { key: personKey(person), press };
}

/** A card press that names the card it answers (Teams adds `replyToId` to every card submission). */
function isPress(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && isCardSubmission(activity) && Boolean(activity.replyToId);
}

/** Who pressed, in which conversation. */
function personOf(activity: Partial<Activity>): string[] {
  return [activity.conversation?.id ?? '', activity.from?.aadObjectId ?? activity.from?.id ?? ''];
}

const personKey = (person: string[]) => `teams:press:${hash(person)}`;

// Node's one-shot digest (20.12): the same SHA-256 as a Hash object's, without making one. A card press
// works out three (its person's key at the edge and in its turn, and the press itself), and making the Hash
// objects was 1.1 % of an enrolment step's main thread (bench/README.md, session 39).
const hash = (parts: string[]) => digest('sha256', JSON.stringify(parts), 'hex').slice(0, 40);

/** JSON with object keys sorted, so the same values in another key order are the same press. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
