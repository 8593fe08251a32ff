import type { ConversationReference } from 'botbuilder';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { updateRecord } from '../../services/storage/atomicStore';
import type { Standing } from '../../services/rules/memberDomain';
import { LRUCache } from 'lru-cache';

export interface StoredReference {
  tenantId: string;
  aadObjectId: string;
  reference: Partial<ConversationReference>;
  locale?: string;
  /**
   * What Teams said of the person when last asked (TeamsInfo.getMember, standingOf): a guest is not the
   * organisation, so a notice to the whole organisation skips them. Unknown for a reference stored before
   * this was kept, or when Teams did not say (see TenantAudience).
   */
  standing?: Standing;
  updatedAt: string;
}

/** Told when a person is forgotten, so what else is kept of them (their domain, P2) goes too. */
export type ForgetListener = (tenantId: string, aadObjectId: string) => Promise<void>;

const PREFIX = 'teams:ref:';
const keyOf = (tenantId: string, aadObjectId: string) => `${PREFIX}${tenantId}:${aadObjectId}`;

/**
 * Each organisation's people, as an ordered index of their AAD object ids (all at score 0, so they read in
 * id order, as the records' keys did). Listing the records by prefix is a SCAN of the whole keyspace on
 * Redis, and a notice to an organisation asked for it every time.
 */
const peopleOf = (tenantId: string) => `teams:people:${tenantId}`;
/** More people than a reseller organisation has staff; the index is read whole. */
const MAX_PEOPLE_PER_TENANT = 100_000;

/** People whose last stored reference this process remembers (a miss costs one read, never a wrong write). */
const KNOWN_CAPACITY = 10_000;

/**
 * Where to reach each Teams user proactively, per tenant (a reseller organisation) and person.
 * Writes only when the conversation actually changed, so an ordinary turn costs no store write.
 */
export class ConversationReferenceStore {
  private readonly known = new LRUCache<string, string>({ max: KNOWN_CAPACITY });
  private readonly forgetListeners: ForgetListener[] = [];

  constructor(private readonly records: AtomicStore) {}

  /**
   * How new this person is here: `new-conversation` when the conversation was not known for them (their
   * first turn with the assistant, or a new chat); `first-here` when this process had not heard them yet
   * (after a restart, on another instance, or from before a feature that greets them existed); `known`
   * otherwise. A feature may then tell them what waits for them (bot/teams/teamsBot.ts).
   */
  async remember(
    tenantId: string,
    aadObjectId: string,
    reference: Partial<ConversationReference>,
    locale?: string,
  ): Promise<'new-conversation' | 'first-here' | 'known'> {
    const key = keyOf(tenantId, aadObjectId);
    const fingerprint = `${reference.serviceUrl}|${reference.conversation?.id}|${locale ?? ''}`;
    const before = this.known.get(key);
    if (before === fingerprint) return 'known';
    let newConversation = false;
    // The index entry goes first: a crash before the record leaves an entry that reads as nobody, never a
    // person the index does not know. Once per person and process, also for an unchanged record: that
    // indexes the references an older version (or an instance of it during a rolling deploy) wrote.
    await this.records.indexAdd(peopleOf(tenantId), aadObjectId, 0);
    const { changed } = await updateRecord<StoredReference>(this.records, key, (current) => {
      newConversation = current?.reference.conversation?.id !== reference.conversation?.id;
      const same =
        current?.reference.serviceUrl === reference.serviceUrl &&
        current?.reference.conversation?.id === reference.conversation?.id &&
        current?.locale === locale;
      if (same) return undefined;
      // A new conversation is the same person: what Teams said of them stays until it is asked again.
      return {
        tenantId,
        aadObjectId,
        reference,
        locale,
        standing: current?.standing,
        updatedAt: new Date().toISOString(),
      };
    });
    // Again after a write: a `forget` running meanwhile may have taken the entry out after the first add.
    if (changed) await this.records.indexAdd(peopleOf(tenantId), aadObjectId, 0);
    this.known.set(key, fingerprint);
    if (changed && newConversation) return 'new-conversation';
    return before === undefined ? 'first-here' : 'known';
  }

  /** Keeps what Teams says of a person (written only when it changed; nothing for someone not remembered). */
  async noteStanding(tenantId: string, aadObjectId: string, standing: Standing): Promise<void> {
    await updateRecord<StoredReference>(this.records, keyOf(tenantId, aadObjectId), (current) =>
      current && current.standing !== standing ? { ...current, standing } : undefined,
    );
  }

  /** `listener` hears of every person forgotten from now on. */
  whenForgotten(listener: ForgetListener): void {
    this.forgetListeners.push(listener);
  }

  async get(tenantId: string, aadObjectId: string): Promise<StoredReference | undefined> {
    return (await this.records.read<StoredReference>(keyOf(tenantId, aadObjectId)))?.value;
  }

  /** Everyone of one organisation who has talked to the assistant, in id order. */
  async forTenant(tenantId: string): Promise<StoredReference[]> {
    const entries = await this.records.indexRange(peopleOf(tenantId), { limit: MAX_PEOPLE_PER_TENANT });
    // Sent together: on Redis the client puts them in one pipeline.
    const people = await Promise.all(entries.map((entry) => this.get(tenantId, entry.member)));
    return people.filter((person): person is StoredReference => person !== undefined);
  }

  /** Forgets a person the bot can no longer reach (403: removed or blocked). */
  async forget(tenantId: string, aadObjectId: string): Promise<void> {
    const key = keyOf(tenantId, aadObjectId);
    this.known.delete(key);
    const current = await this.records.read<StoredReference>(key);
    await this.records.indexRemove(peopleOf(tenantId), aadObjectId);
    // The person talked again meanwhile (a newer version): they are reachable, so they stay indexed.
    if (current && !(await this.records.remove(key, current.version))) {
      await this.records.indexAdd(peopleOf(tenantId), aadObjectId, 0);
      return;
    }
    // Also when the reference was already gone: a forget cut short before its listeners ran is finished.
    for (const listener of this.forgetListeners) await listener(tenantId, aadObjectId);
  }

  /**
   * Puts every stored reference into its organisation's index (idempotent). For references written before
   * the index existed, or by an instance of such a version still running during a rolling deploy.
   * Returns how many references it saw.
   */
  async indexExisting(): Promise<number> {
    const stored = await this.records.list<StoredReference>(PREFIX);
    for (const { value } of stored) await this.records.indexAdd(peopleOf(value.tenantId), value.aadObjectId, 0);
    return stored.length;
  }
}
