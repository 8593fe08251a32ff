import { randomUUID } from 'node:crypto';
import { checkGdapRequest } from '../rules/gdapRules';
import { type AtomicStore, updateRecord } from '../storage/atomicStore';
import { parseTenantId } from '../partnerCenter/validatedSession';
import { GdapError, refuse } from './gdapErrors';
import type {
  AccessAssignment,
  GdapGateway,
  GdapRelationship,
  GdapRequest,
  GdapRequestAction,
  GdapSession,
  NewAccessAssignment,
  NewGdapRelationship,
} from './gdapGateway';
import type { GdapPartyFacts } from './sandboxPartyFacts';
import { type GdapRecord, gdapKeys, gdapSandboxRecords, statusAt, toRelationship } from './sandboxGdapRecords';

export interface GdapSandboxOptions {
  /** The assistant's store; the sandbox's keys start with `gdap:`. */
  records: AtomicStore;
  facts: GdapPartyFacts;
  now?: () => number;
  /** How long terminationRequested and terminating each last (Graph takes minutes). */
  stepMs?: number;
  newId?: () => string;
}

/** What only the operator does: act for the customer, whom the assistant never speaks for (G1). */
export interface GdapSandboxControls {
  /**
   * The customer's Global admin opens the approval link and approves (G1). By relationship id, or by the
   * customer's domain: then every relationship awaiting that customer's approval.
   */
  approveAsCustomer(relationshipIdOrDomain: string): Promise<GdapRelationship[]>;
  /** Every relationship in the sandbox, as the operator's listing shows them. */
  allRelationships(): Promise<GdapRelationship[]>;
}

/**
 * Graph's delegatedAdminRelationships simulated on the assistant's store (G1, G2, G4). Each step is allowed
 * only to the party Graph allows it to: the partner creates, locks and terminates its own; a distributor
 * creates one for its reseller, which only that reseller approves or rejects; only the customer approves,
 * and the customer is the operator here. Time comes from `now`, so tests and demos move it.
 */
export class GdapSandbox implements GdapGateway, GdapSandboxControls {
  private readonly now: () => number;
  private readonly stepMs: number;
  private readonly newId: () => string;
  private readonly records: AtomicStore;

  constructor(private readonly options: GdapSandboxOptions) {
    this.records = gdapSandboxRecords(options.records);
    this.now = options.now ?? Date.now;
    this.stepMs = options.stepMs ?? 60_000;
    this.newId = options.newId ?? randomUUID;
  }

  as(partnerTenantId: string): GdapSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    return {
      partnerTenantId: caller,
      createRelationship: (input) => this.create(caller, caller, undefined, input),
      createResellerRelationship: async (reseller, input) => {
        const resellerTenantId = parseTenantId(reseller, 'reseller tenant id');
        if (!(await this.options.facts.isIndirectProviderOf(caller, resellerTenantId))) {
          throw refuse('notAllowedForCaller', `Tenant ${resellerTenantId} is not one of your indirect resellers (G2).`);
        }
        return this.create(caller, resellerTenantId, caller, input);
      },
      getRelationship: async (id) => this.view(await this.visible(caller, id)),
      listRelationships: async () => {
        const mine = (await this.allRecords()).filter((r) => this.canSee(caller, r));
        return Promise.all(mine.map((r) => this.settleG4(r).then((settled) => this.view(settled))));
      },
      request: (id, action) => this.request(caller, id, action),
      createAccessAssignment: (id, input) => this.assign(caller, id, input),
      listAccessAssignments: async (id) => (await this.visible(caller, id)).assignments,
    };
  }

  async approveAsCustomer(relationshipIdOrDomain: string): Promise<GdapRelationship[]> {
    const byId = await this.records.read<GdapRecord>(gdapKeys.relationship(relationshipIdOrDomain.trim()));
    const customer = byId ? undefined : await this.options.facts.customerByDomain(relationshipIdOrDomain);
    if (!byId && !customer) {
      throw refuse('customerNotFound', `No relationship or customer domain "${relationshipIdOrDomain}".`);
    }
    const targets = byId
      ? [byId.value]
      : (await this.allRecords()).filter(
          (r) =>
            r.customerTenantId === customer?.tenantId &&
            statusAt(r, this.now(), this.stepMs).status === 'approvalPending',
        );
    const approved: GdapRelationship[] = [];
    for (const target of targets) {
      const { value } = await updateRecord<GdapRecord>(this.records, gdapKeys.relationship(target.id), (r) => {
        if (!r) return undefined;
        if (statusAt(r, this.now(), this.stepMs).status !== 'approvalPending') {
          throw refuse('invalidStatusForAction', `Relationship ${r.id} is not awaiting the customer's approval.`);
        }
        return { ...r, approvedAt: this.now(), lastModifiedAt: this.now() };
      });
      if (value) approved.push(this.view(value));
    }
    return approved;
  }

  async allRelationships(): Promise<GdapRelationship[]> {
    return Promise.all((await this.allRecords()).map(async (r) => this.view(await this.settleG4(r))));
  }

  private view(record: GdapRecord): GdapRelationship {
    return toRelationship(record, this.now(), this.stepMs);
  }

  private async allRecords(): Promise<GdapRecord[]> {
    return (await this.records.list<GdapRecord>(gdapKeys.all())).map((r) => r.value);
  }

  private canSee(caller: string, record: GdapRecord): boolean {
    return record.partnerTenantId === caller || record.indirectProviderTenantId === caller;
  }

  /** A relationship the caller may see; Graph answers others as not found, never as someone else's. */
  private async visible(caller: string, id: string): Promise<GdapRecord> {
    const record = (await this.records.read<GdapRecord>(gdapKeys.relationship(id)))?.value;
    if (!record || !this.canSee(caller, record)) throw new GdapError('not-found', `No relationship ${id}.`);
    return this.settleG4(record);
  }

  /** G4: a suspended reseller loses all its GDAP relationships; the sandbox ends them when it next reads one. */
  private async settleG4(record: GdapRecord): Promise<GdapRecord> {
    if (record.endedAt !== undefined || !(await this.options.facts.isSuspended(record.partnerTenantId))) return record;
    const { value } = await updateRecord<GdapRecord>(this.records, gdapKeys.relationship(record.id), (r) =>
      r && r.endedAt === undefined
        ? { ...r, endedAt: this.now(), endedBecause: 'partner-suspended', lastModifiedAt: this.now() }
        : undefined,
    );
    return value ?? record;
  }

  private async create(
    caller: string,
    partnerTenantId: string,
    indirectProviderTenantId: string | undefined,
    input: NewGdapRelationship,
  ): Promise<GdapRelationship> {
    const { facts } = this.options;
    if (!(await facts.hasAccount(caller)))
      throw refuse('notAllowedForCaller', `Tenant ${caller} has no partner account.`);
    if (await facts.isSuspended(partnerTenantId)) {
      throw refuse('partnerSuspended', `Partner ${partnerTenantId} is suspended (G4).`);
    }
    const decision = checkGdapRequest(input);
    if (!decision.allowed) {
      const codes = decision.violations.map((v) => v.code);
      const refusal = codes.includes('G1.duration-out-of-range')
        ? 'invalidDuration'
        : codes.includes('G1.no-roles')
          ? 'noRoles'
          : codes.includes('G1.auto-extend-value')
            ? 'invalidAutoExtendDuration'
            : 'autoExtendNotAllowedWithGlobalAdministrator';
      throw refuse(refusal, `The relationship request is not valid: ${codes.join(', ')}.`);
    }
    const customer = await facts.customer(input.customerTenantId);
    if (!customer) throw refuse('customerNotFound', `No customer tenant ${input.customerTenantId}.`);
    const displayName = input.displayName.trim().slice(0, 50);
    const taken = (await this.allRecords()).some(
      (r) => r.partnerTenantId === partnerTenantId && r.displayName === displayName,
    );
    if (taken) throw refuse('displayNameTaken', `A relationship named "${displayName}" exists already.`);
    const now = this.now();
    const record: GdapRecord = {
      // Graph writes a relationship id as a GUID followed by the customer tenant id.
      id: `${this.newId()}-${customer.tenantId}`,
      displayName,
      duration: input.duration,
      autoExtendDuration: input.autoExtendDuration ?? 'PT0S',
      customerTenantId: customer.tenantId,
      customerDisplayName: input.customerDisplayName ?? customer.displayName,
      roles: [...new Set(input.roles)],
      partnerTenantId,
      indirectProviderTenantId,
      consent: indirectProviderTenantId ? 'pending' : undefined,
      createdAt: now,
      lastModifiedAt: now,
      requests: [],
      assignments: [],
    };
    await this.records.compareAndSet(gdapKeys.relationship(record.id), undefined, record);
    return this.view(record);
  }

  private async request(caller: string, id: string, action: GdapRequestAction): Promise<GdapRequest> {
    await this.visible(caller, id);
    const now = this.now();
    const request: GdapRequest = {
      id: this.newId(),
      action,
      status: 'succeeded',
      createdDateTime: new Date(now).toISOString(),
      lastModifiedDateTime: new Date(now).toISOString(),
    };
    await updateRecord<GdapRecord>(this.records, gdapKeys.relationship(id), (r) => {
      if (!r) throw new GdapError('not-found', `No relationship ${id}.`);
      const changed = applyAction(r, caller, action, statusAt(r, now, this.stepMs).status, now);
      return { ...changed, lastModifiedAt: now, requests: [...r.requests, request] };
    });
    return request;
  }

  private async assign(caller: string, id: string, input: NewAccessAssignment): Promise<AccessAssignment> {
    const record = await this.visible(caller, id);
    if (record.partnerTenantId !== caller) {
      throw refuse('notAllowedForCaller', 'Only the partner holding the relationship assigns its security groups.');
    }
    const status = statusAt(record, this.now(), this.stepMs).status;
    if (status !== 'active' && status !== 'expiring') {
      throw refuse('invalidStatusForAction', `Access is assigned on an active relationship; this one is ${status}.`);
    }
    const outside = input.roles.filter((role) => !record.roles.includes(role));
    if (input.roles.length === 0 || outside.length > 0) {
      throw refuse('roleNotInRelationship', `Roles not in the relationship: ${outside.join(', ') || '(none given)'}.`);
    }
    const assignment: AccessAssignment = {
      id: this.newId(),
      securityGroupId: input.securityGroupId,
      roles: [...input.roles],
      status: 'active',
      createdDateTime: new Date(this.now()).toISOString(),
    };
    await updateRecord<GdapRecord>(this.records, gdapKeys.relationship(id), (r) =>
      r ? { ...r, assignments: [...r.assignments, assignment], lastModifiedAt: this.now() } : undefined,
    );
    return assignment;
  }
}

/**
 * Who may take which step, and from which status (G1, G2): the partner locks its own created relationship;
 * the reseller approves (which locks it for the customer) or rejects one made for it; the partner or the
 * distributor that made it terminates an active one.
 */
function applyAction(
  r: GdapRecord,
  caller: string,
  action: GdapRequestAction,
  status: ReturnType<typeof statusAt>['status'],
  now: number,
): GdapRecord {
  const notYours = (what: string) => refuse('notAllowedForCaller', `Only ${what} may ${action} relationship ${r.id}.`);
  const wrongStatus = () =>
    refuse('invalidStatusForAction', `Relationship ${r.id} is ${status}: ${action} is not possible.`);
  switch (action) {
    case 'lockForApproval':
      if (r.indirectProviderTenantId) {
        // G2: the reseller's consent locks it; nobody locks it before that.
        if (caller !== r.indirectProviderTenantId) throw notYours('the distributor that created it');
        if (r.consent !== 'approved') throw wrongStatus();
      } else if (caller !== r.partnerTenantId) throw notYours('its partner');
      if (status !== 'created') throw wrongStatus();
      return { ...r, lockedAt: now };
    case 'approve':
    case 'reject':
      if (!r.indirectProviderTenantId || caller !== r.partnerTenantId) {
        throw notYours('the reseller it was created for (the customer approves through its link)');
      }
      if (r.consent !== 'pending' || status !== 'created') throw wrongStatus();
      return action === 'approve'
        ? { ...r, consent: 'approved', lockedAt: now }
        : { ...r, consent: 'rejected', endedAt: now, endedBecause: 'rejected' };
    case 'terminate':
      if (caller !== r.partnerTenantId && caller !== r.indirectProviderTenantId) throw notYours('its partner');
      if (status !== 'active' && status !== 'expiring') throw wrongStatus();
      return { ...r, terminationRequestedAt: now };
  }
}
