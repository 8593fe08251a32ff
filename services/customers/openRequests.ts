import type { AtomicStore } from '../storage/atomicStore';
import { type CustomerRequest, REQUEST_KEYS } from './customerRequest';

const byProvider = (providerId: string) => `customers:pending:provider:${providerId}`;
const byReseller = (resellerId: string) => `customers:pending:reseller:${resellerId}`;
const APPROVING = 'customers:approving';

/** More open requests than one party could have: a read of an index is bounded, never the whole of it. */
const MAX_LISTED = 100_000;
/** How long an entry without its request may be a submission in progress rather than debris of a crash. */
const ORPHAN_GRACE_MS = 60_000;

const isPending = (request: CustomerRequest) => request.state === 'pending';
const isApproving = (request: CustomerRequest) => request.state === 'approved' && Boolean(request.intent);

/**
 * Where the requests still open are found without reading every request ever made. Listing the request
 * records by prefix read all of them for each App Home refresh, `requests` turn and recovery pass: with
 * 1,100 requests, the bench's two approvers' App Home refreshes alone made 2.4 million reads, and SQLite
 * reads waited over 2 s. Three ordered indexes of the store (a Redis sorted set, the SQLite index table):
 * - a provider's pending requests (its App Home), scored by when each was made;
 * - a reseller's pending requests (Teams `requests`), the same;
 * - approvals under way (the recovery pass, approvalExecution.ts).
 *
 * An entry is added before its request becomes what the index lists and removed after it stops being
 * that, so a crash between the two leaves an entry whose request does not match (a read skips it and
 * removes it), never a request the index lacks. Requests stored before these indexes, or by an older
 * instance during a rolling deploy, are indexed by `indexExisting` (IndexSweeps, bot/features/customers.ts).
 */
export class OpenRequests {
  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => Date,
  ) {}

  /** Before a pending request is recorded. */
  async willBePending(request: Pick<CustomerRequest, 'id' | 'providerId' | 'resellerId' | 'createdAt'>) {
    const made = Date.parse(request.createdAt ?? '') || this.now().getTime();
    await Promise.all([
      this.records.indexAdd(byProvider(request.providerId), request.id, made),
      this.records.indexAdd(byReseller(request.resellerId), request.id, made),
    ]);
  }

  /** After a request left pending (decided). */
  async noLongerPending(request: Pick<CustomerRequest, 'id' | 'providerId' | 'resellerId'>) {
    await Promise.all([
      this.records.indexRemove(byProvider(request.providerId), request.id),
      this.records.indexRemove(byReseller(request.resellerId), request.id),
    ]);
  }

  /** Before an approval records its intent (the loser of a race leaves the entry: it names the same request). */
  async willBeApproving(id: string) {
    await this.records.indexAdd(APPROVING, id, this.now().getTime());
  }

  /** After an approval was carried out or failed. */
  async noLongerApproving(id: string) {
    await this.records.indexRemove(APPROVING, id);
  }

  /** A provider's pending requests, oldest first: the first `limit`, and how many there are in all. */
  async pendingFor(providerId: string, limit = MAX_LISTED): Promise<{ requests: CustomerRequest[]; total: number }> {
    return this.listed(byProvider(providerId), (r) => isPending(r) && r.providerId === providerId, limit);
  }

  /** A reseller's pending requests, oldest first. */
  async waitingFor(resellerId: string): Promise<CustomerRequest[]> {
    return (await this.listed(byReseller(resellerId), (r) => isPending(r) && r.resellerId === resellerId)).requests;
  }

  /** Approvals whose intent is recorded and not yet carried out or failed. */
  async approvalsUnderWay(): Promise<CustomerRequest[]> {
    return (await this.listed(APPROVING, isApproving)).requests;
  }

  /** Indexes every stored request that is pending or under approval; returns how many requests it read. */
  async indexExisting(): Promise<number> {
    const stored = await this.records.list<CustomerRequest>(REQUEST_KEYS.requests);
    for (const { value } of stored) {
      if (isPending(value)) await this.willBePending(value);
      else if (isApproving(value)) await this.willBeApproving(value.id);
    }
    return stored.length;
  }

  /**
   * The index's requests that still belong in it, in its order, reading the records a page at a time
   * until `limit` are found; `total` is the entries less those found not to belong (after a crash, an
   * entry past the pages read may be counted once before a later read removes it).
   */
  private async listed(
    index: string,
    belongs: (request: CustomerRequest) => boolean,
    limit = MAX_LISTED,
  ): Promise<{ requests: CustomerRequest[]; total: number }> {
    const entries = await this.records.indexRange(index, { limit: MAX_LISTED });
    const requests: CustomerRequest[] = [];
    let gone = 0;
    const page = Math.max(1, Math.min(limit, 200));
    for (let at = 0; at < entries.length && requests.length < limit; at += page) {
      const slice = entries.slice(at, at + page);
      const found = await Promise.all(
        slice.map((entry) => this.records.read<CustomerRequest>(REQUEST_KEYS.request(entry.member))),
      );
      for (const [i, entry] of slice.entries()) {
        const request = found[i]?.value;
        if (request && belongs(request)) {
          if (requests.length < limit) requests.push(request);
          continue;
        }
        if (!request && this.now().getTime() - entry.score < ORPHAN_GRACE_MS) continue;
        gone += 1;
        await this.records.indexRemove(index, entry.member);
      }
    }
    return { requests, total: entries.length - gone };
  }
}
