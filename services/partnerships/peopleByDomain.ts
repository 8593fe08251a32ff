import { domainAndParents, emailDomain } from '../domain/identifiers';
import type { AtomicStore } from '../storage/atomicStore';

/** More people at one domain than an invitation is delivered to at once: a read is bounded. */
const MAX_PEOPLE = 10_000;
/** A domain and the people heard at it, as an index of the store (a Redis sorted set, a SQLite table). */
const indexOf = (domain: string) => `partnerships:people-at:${domain.toLowerCase()}`;
/** The other way round: the domains a person was heard at (one, unless their account changed), to forget them. */
const domainsOf = (person: TeamsPerson) => `partnerships:domains-of:${person.tenantId}:${person.aadObjectId}`;
/** More domains than one person's account ever stood for. */
const MAX_DOMAINS = 100;

/** A Teams user, by the tenant Teams puts them in and their Entra object id. */
export interface TeamsPerson {
  tenantId: string;
  aadObjectId: string;
}

/**
 * The people of an organisation the assistant has heard from, by the company domain their own Teams
 * account stands for (domainOfMember: no guest, no webmail, not the onmicrosoft.com domain, same tenant).
 * A distributor may invite a reseller the assistant knows nothing of yet (P2): the invited address's
 * domain then names who may be told of it at once, person by person, never a whole tenant (its guests
 * are not the company). Kept as an index, so finding them reads only the domain's entries.
 */
export class PeopleByDomain {
  constructor(private readonly records: AtomicStore) {}

  /** Only for a domain domainOfMember found the person's own account stands for. */
  async heardAt(domain: string, person: TeamsPerson): Promise<void> {
    // The way back first: a crash in between leaves a domain to forget that holds nothing, never the reverse.
    await this.records.indexAdd(domainsOf(person), domain.toLowerCase(), 0);
    await this.records.indexAdd(indexOf(domain), memberOf(person), 0);
  }

  /**
   * A person the assistant can no longer reach (the bot removed or blocked) leaves every domain they were
   * heard at, so the index does not grow with people gone; if they come back they are heard again.
   * People heard before the way back was kept are not found here: they stay until heard again.
   */
  async forget(person: TeamsPerson): Promise<void> {
    const domains = await this.records.indexRange(domainsOf(person), { limit: MAX_DOMAINS });
    for (const { member: domain } of domains) {
      await this.records.indexRemove(indexOf(domain), memberOf(person));
      await this.records.indexRemove(domainsOf(person), domain);
    }
  }

  /**
   * The people whose own domain the address is on, or one level or more below it (an account at
   * fabrikam-it.pl speaks for sales.fabrikam-it.pl too: Entra verifies a domain and its subdomains in one
   * tenant). The top-level domain alone names no company.
   */
  async at(address: string): Promise<TeamsPerson[]> {
    const owners = domainAndParents(emailDomain(address) ?? '');
    const found = await Promise.all(
      owners.map((owner) => this.records.indexRange(indexOf(owner), { limit: MAX_PEOPLE })),
    );
    return found.flat().map((entry) => personOf(entry.member));
  }
}

const memberOf = (person: TeamsPerson) => `${person.tenantId} ${person.aadObjectId}`;

function personOf(member: string): TeamsPerson {
  const [tenantId, aadObjectId] = member.split(' ');
  return { tenantId, aadObjectId };
}
