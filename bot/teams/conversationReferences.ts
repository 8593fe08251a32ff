import type { ConversationReference } from 'botbuilder';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { updateRecord } from '../../services/storage/atomicStore';
import { LruMap } from '../lruMap';

export interface StoredReference {
  tenantId: string;
  aadObjectId: string;
  reference: Partial<ConversationReference>;
  locale?: string;
  updatedAt: string;
}

const PREFIX = 'teams:ref:';
const keyOf = (tenantId: string, aadObjectId: string) => `${PREFIX}${tenantId}:${aadObjectId}`;

/** People whose last stored reference this process remembers (a miss costs one read, never a wrong write). */
const KNOWN_CAPACITY = 10_000;

/**
 * Where to reach each Teams user proactively, per tenant (a reseller organisation) and person.
 * Writes only when the conversation actually changed, so an ordinary turn costs no store write.
 */
export class ConversationReferenceStore {
  private readonly known = new LruMap<string, string>(KNOWN_CAPACITY);

  constructor(private readonly records: AtomicStore) {}

  async remember(tenantId: string, aadObjectId: string, reference: Partial<ConversationReference>, locale?: string) {
    const key = keyOf(tenantId, aadObjectId);
    const fingerprint = `${reference.serviceUrl}|${reference.conversation?.id}|${locale ?? ''}`;
    if (this.known.get(key) === fingerprint) return;
    await updateRecord<StoredReference>(this.records, key, (current) => {
      const same =
        current?.reference.serviceUrl === reference.serviceUrl &&
        current?.reference.conversation?.id === reference.conversation?.id &&
        current?.locale === locale;
      return same ? undefined : { tenantId, aadObjectId, reference, locale, updatedAt: new Date().toISOString() };
    });
    this.known.set(key, fingerprint);
  }

  async get(tenantId: string, aadObjectId: string): Promise<StoredReference | undefined> {
    return (await this.records.read<StoredReference>(keyOf(tenantId, aadObjectId)))?.value;
  }

  /** Everyone of one organisation who has talked to the assistant. */
  async forTenant(tenantId: string): Promise<StoredReference[]> {
    return (await this.records.list<StoredReference>(`${PREFIX}${tenantId}:`)).map((r) => r.value);
  }

  /** Forgets a person the bot can no longer reach (403: removed or blocked). */
  async forget(tenantId: string, aadObjectId: string): Promise<void> {
    const key = keyOf(tenantId, aadObjectId);
    this.known.delete(key);
    await this.records.remove(key);
  }
}
