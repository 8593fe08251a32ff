import type { AtomicStore } from '../storage/atomicStore';
import { type CustomerRecord, keys } from './sandboxRecords';

/**
 * A sandbox customer by its tenant id. Customers are keyed by their initial domain (creating one claims
 * the domain in one write), so a lookup by tenant id listed every customer: each approval's customer,
 * agreement and subscriptions did three such listings, and the bench's 1,000 approvals read millions of
 * records. A pointer from tenant id to domain, written just after the customer, makes it two reads; a
 * customer without one (created before the pointer, or a crash between the two writes) is found by the
 * listing once and given its pointer.
 */
export async function customerByTenantId(records: AtomicStore, tenantId: string): Promise<CustomerRecord | undefined> {
  const wanted = tenantId.toLowerCase();
  const pointer = await records.read<{ domainPrefix: string }>(keys.customerOfTenant(wanted));
  if (pointer) {
    const customer = (await records.read<CustomerRecord>(keys.customer(pointer.value.domainPrefix)))?.value;
    if (customer?.tenantId.toLowerCase() === wanted) return customer;
  }
  const listed = (await records.list<CustomerRecord>(keys.allCustomers()))
    .map((r) => r.value)
    .find((c) => c.tenantId.toLowerCase() === wanted);
  if (listed) await pointToCustomer(records, listed);
  return listed;
}

/** Writes the tenant id's pointer to the customer (idempotent: the same value whoever writes it). */
export async function pointToCustomer(records: AtomicStore, customer: CustomerRecord): Promise<void> {
  const key = keys.customerOfTenant(customer.tenantId.toLowerCase());
  const domainPrefix = customer.domain.toLowerCase().split('.')[0];
  const current = await records.read<{ domainPrefix: string }>(key);
  if (current?.value.domainPrefix === domainPrefix) return;
  await records.compareAndSet(key, current?.version, { domainPrefix });
}
