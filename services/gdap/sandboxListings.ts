import { SANDBOX_LISTINGS } from '../partnerCenter/sandboxRecords';
import type { AtomicStore } from '../storage/atomicStore';
import { IndexedListings } from '../storage/indexedListings';
import { GDAP_SANDBOX_LISTINGS } from './sandboxGdapRecords';

/**
 * Every listing of the two sandboxes (Partner Center's and Graph's, which share the store and the mode),
 * for the start sweep that indexes what they stored before their listings had indexes.
 */
export function sandboxListings(records: AtomicStore): IndexedListings {
  return new IndexedListings(records, [...SANDBOX_LISTINGS, ...GDAP_SANDBOX_LISTINGS]);
}
