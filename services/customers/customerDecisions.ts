/**
 * The distributor's decision on a customer request (C3, C4, C5, C6, P9): only the provider's approvers
 * decide, only on a pending request of theirs; the rules run again at approval (a customer can change
 * hands since it was asked for); of two approvers, clicks or instances exactly one decides, and the
 * loser learns who did and when. Approval then hands over to approvalExecution.ts.
 */
import type { Customer } from '../domain/customer';
import type { Actor } from '../domain/identifiers';
import type { Provider, Refusal } from '../partnerships/types';
import { updateRecord } from '../storage/atomicStore';
import { approvalIntent, type ApprovalExecution } from './approvalExecution';
import { type CustomerEligibility, existingCustomerFacts } from './customerEligibility';
import type { CustomerLookups } from './customerLookups';
import {
  type CustomerRequest,
  type CustomerRequestsDeps,
  type DecideOutcome,
  type OneTimeCredentials,
  REQUEST_KEYS,
} from './customerRequest';
import type { CustomerRequests } from './customerRequests';
import { checkLicenceChange } from './licenceChange';
import type { OpenRequests } from './openRequests';
import { needsPartnerOfRecord, type PartnerOfRecord, type PorCheck } from './partnerOfRecord';

export class CustomerDecisions {
  private readonly now: () => Date;

  constructor(
    private readonly deps: Pick<CustomerRequestsDeps, 'records' | 'partnerships' | 'now' | 'atMomentOfDanger'>,
    private readonly parts: {
      requests: CustomerRequests;
      eligibility: CustomerEligibility;
      lookups: CustomerLookups;
      execution: ApprovalExecution;
      partnerOfRecord: PartnerOfRecord;
      open: OpenRequests;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** An approver rejects with a reason; of two decisions exactly one lands. */
  async reject(teamId: string, id: string, actor: Actor, reason: string): Promise<DecideOutcome<undefined>> {
    const gate = await this.gate(teamId, id, actor);
    if (!gate.ok) return gate;
    const at = this.now().toISOString();
    const moved = await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(id), (current) =>
      current?.state === 'pending'
        ? { ...current, state: 'rejected', decision: { by: actor, at, reason: reason.trim() || undefined } }
        : undefined,
    );
    const after = moved.value as CustomerRequest;
    if (!moved.changed) return { ok: false, decided: after };
    await this.parts.open.noLongerPending(after);
    return { ok: true, request: after, value: undefined };
  }

  /**
   * An approver approves: the rules run again, the request moves to approved atomically (the loser
   * of a race learns who decided and when), then Partner Center does what was asked: a new customer
   * associated with the reseller (C3, C4) with each subscription's reseller of record (P9); or, for an
   * existing customer, new subscriptions, the reseller on record, or the reseller as designated
   * support contact (C5, C6). New credentials are returned to the caller and kept nowhere.
   */
  async approve(teamId: string, id: string, actor: Actor): Promise<DecideOutcome<OneTimeCredentials>> {
    const gate = await this.gate(teamId, id, actor);
    if (!gate.ok) return gate;
    const { request, provider } = gate;
    const customer = await this.customerNow(request);
    const decision = await this.parts.eligibility.check(request.resellerId, provider, customer);
    if (!decision.allowed) {
      return {
        ok: false,
        request,
        refusal: { kind: 'rules', violations: decision.violations, options: decision.options },
      };
    }
    const window = await this.licenceWindowNow(request);
    if (!window.ok) return { ...window, request };
    const por = await this.partnerOfRecordNow(request, provider);
    if (!por.ok) return por;
    const at = this.now().toISOString();
    // The decision and the intent (with the MS-RequestIds) in one write, before Partner Center is called.
    const intent = approvalIntent(request, this.now());
    // Listed as under way before the intent is written, so the recovery pass finds it after any crash.
    await this.parts.open.willBeApproving(id);
    const checked = por.check ? { partnerOfRecord: por.check } : {};
    const claimed = await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(id), (current) =>
      current?.state === 'pending'
        ? { ...current, ...checked, state: 'approved', decision: { by: actor, at }, intent }
        : undefined,
    );
    if (!claimed.changed) return { ok: false, decided: claimed.value as CustomerRequest };
    await this.parts.open.noLongerPending(request);
    this.deps.atMomentOfDanger?.('approve:after-claim');
    return this.parts.execution.carryOut(claimed.value as CustomerRequest, provider, intent.requestIds);
  }

  /** NCE1 again at approval: a reduction asked for on day 6 and approved on day 8 is refused before ordering. */
  private async licenceWindowNow(request: CustomerRequest): Promise<{ ok: true } | { ok: false; refusal: Refusal }> {
    if (request.kind !== 'licence-change') return { ok: true };
    const live = await this.parts.lookups.existingSubscriptions(request.providerId, request.customer.tenantId ?? '');
    const change = checkLicenceChange(live, request.subscriptions, this.now());
    if (!change.ok) return change;
    const { allowed, violations, options } = change.decision;
    return allowed ? { ok: true } : { ok: false, refusal: { kind: 'rules', violations, options } };
  }

  /**
   * R1, R2 again at approval, with the PartnerID the order puts on record: a refusal is kept on the
   * pending request, so its message shows when it was checked and what Partner Center said.
   */
  private async partnerOfRecordNow(
    request: CustomerRequest,
    provider: Provider,
  ): Promise<{ ok: true; check?: PorCheck } | { ok: false; refusal: Refusal; request?: CustomerRequest }> {
    if (!needsPartnerOfRecord(request.kind)) return { ok: true };
    const onRecord = request.subscriptions.find((s) => s.resellerMpnIdOnRecord)?.resellerMpnIdOnRecord;
    const por = await this.parts.partnerOfRecord.validate(
      provider.partner.tenantId ?? '',
      request.resellerId,
      onRecord,
    );
    if (!por.ok) return por;
    if (por.decision.allowed) return { ok: true, check: por.check };
    const kept = await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(request.id), (current) =>
      current?.state === 'pending' ? { ...current, partnerOfRecord: por.check } : undefined,
    );
    return {
      ok: false,
      request: (kept.value as CustomerRequest | undefined) ?? request,
      refusal: { kind: 'rules', violations: por.decision.violations, options: por.decision.options },
    };
  }

  /** The customer as the rules must see it now: an existing one is looked up again (C2: still the provider's?). */
  private async customerNow(request: CustomerRequest): Promise<Customer> {
    if (request.kind === 'new-customer' || !request.customer.tenantId) return request.customer;
    const found = await this.parts.lookups.existingCustomer(
      request.providerId,
      request.resellerId,
      request.customer.tenantId,
    );
    return found
      ? existingCustomerFacts(found, request.resellerId, request.providerId)
      : { ...request.customer, providerId: undefined };
  }

  /** Only the provider's approvers decide, and only on a pending request of that provider. */
  private async gate(
    teamId: string,
    id: string,
    actor: Actor,
  ): Promise<
    | { ok: true; request: CustomerRequest; provider: Provider }
    | { ok: false; decided: CustomerRequest }
    | { ok: false; refusal: Refusal }
  > {
    const provider = await this.deps.partnerships.getProviderBySlackTeam(teamId);
    if (!provider) return { ok: false, refusal: { kind: 'access', code: 'not-set-up' } };
    // Named approvers or members of the approver user group, as for every partnership action.
    if (!(await this.deps.partnerships.isApprover(teamId, actor.userId))) {
      return { ok: false, refusal: { kind: 'access', code: 'not-approver' } };
    }
    const request = await this.parts.requests.get(id);
    if (!request || request.providerId !== provider.partner.id) {
      return { ok: false, refusal: { kind: 'input', code: 'request-unknown' } };
    }
    if (request.state !== 'pending') return { ok: false, decided: request };
    return { ok: true, request, provider };
  }
}
