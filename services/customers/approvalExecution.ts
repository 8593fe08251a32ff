/**
 * What Partner Center does once a request is approved (C3, C4, C5, C6, P9; MCA1 before any order), exactly once: the approval
 * records an intent (the MS-RequestIds to call with and a lease) in the same write that approves; the
 * approving instance carries it out, and if it crashes first, a recovery pass on any instance finishes
 * with the same MS-RequestIds once the lease runs out (issue 13 point 4), so nothing is created twice.
 */
import { randomUUID } from 'node:crypto';
import { initialDomainPrefix } from '../domain/customerDomain';
import { isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterSession } from '../partnerCenter/gateway';
import type { Provider } from '../partnerships/types';
import { updateRecord } from '../storage/atomicStore';
import {
  type CustomerRequest,
  type CustomerRequestsDeps,
  type DecideOutcome,
  type OneTimeCredentials,
  REQUEST_KEYS,
  type ResumedApproval,
} from './customerRequest';
import { attestBeforeOrdering, ordersNeedAgreement } from './customerAgreement';
import type { OpenRequests } from './openRequests';
import { partnerCenterFailureRefusal } from './partnerCenterFailure';

/** How long the instance that approved has to carry it out before a recovery pass may take over. */
const APPROVAL_LEASE_MS = 2 * 60_000;

/** A new approval's intent: one MS-RequestId for a new customer, then one per subscription, and the lease. */
export function approvalIntent(request: CustomerRequest, now: Date): NonNullable<CustomerRequest['intent']> {
  return {
    requestIds: Array.from({ length: request.subscriptions.length + 1 }, () => randomUUID()),
    leaseUntil: new Date(now.getTime() + APPROVAL_LEASE_MS).toISOString(),
  };
}

export class ApprovalExecution {
  private readonly now: () => Date;

  constructor(
    private readonly deps: Pick<
      CustomerRequestsDeps,
      'records' | 'partners' | 'partnerships' | 'partnerCenter' | 'now' | 'atMomentOfDanger'
    >,
    private readonly open: OpenRequests,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The recovery pass (at start and periodically, on every instance): approvals whose intent is recorded,
   * whose lease has run out and that have neither result nor failure are carried out with the same
   * MS-RequestIds, so Partner Center creates each thing once whoever finishes it. Taking the lease is one
   * compare-and-set, so of several instances exactly one resumes a given request.
   */
  async resumeUnfinished(): Promise<ResumedApproval[]> {
    const now = this.now();
    const unfinished = (await this.open.approvalsUnderWay()).filter(
      (r) => r.intent && Date.parse(r.intent.leaseUntil) <= now.getTime(),
    );
    const resumed: ResumedApproval[] = [];
    for (const request of unfinished) {
      const leaseUntil = new Date(now.getTime() + APPROVAL_LEASE_MS).toISOString();
      const taken = await updateRecord<CustomerRequest>(
        this.deps.records,
        REQUEST_KEYS.request(request.id),
        (current) =>
          current?.state === 'approved' && current.intent && Date.parse(current.intent.leaseUntil) <= now.getTime()
            ? { ...current, intent: { ...current.intent, leaseUntil } }
            : undefined,
      );
      if (!taken.changed) continue;
      const mine = taken.value as CustomerRequest;
      const provider = await this.deps.partnerships.getProviderById(mine.providerId);
      const outcome = await this.carryOut(mine, provider, mine.intent?.requestIds ?? []);
      if (outcome.ok) resumed.push({ request: outcome.request, credentials: outcome.value });
      else if ('request' in outcome && outcome.request) resumed.push({ request: outcome.request });
    }
    return resumed;
  }

  /** Partner Center does what was approved, with the intent's MS-RequestIds; the outcome clears the intent. */
  async carryOut(
    request: CustomerRequest,
    provider: Provider | undefined,
    requestIds: string[],
  ): Promise<DecideOutcome<OneTimeCredentials>> {
    const id = request.id;
    const session = this.deps.partnerCenter.as(provider?.partner.tenantId ?? '');
    try {
      const done =
        request.kind === 'new-customer'
          ? await this.createCustomer(session, request, requestIds)
          : { result: await this.changeExisting(session, request, requestIds), credentials: undefined };
      const stored = await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(id), (current) =>
        current
          ? {
              ...current,
              customer: { ...current.customer, tenantId: done.result.customerTenantId },
              result: done.result,
              intent: undefined,
            }
          : undefined,
      );
      await this.open.noLongerApproving(id);
      return { ok: true, request: stored.value as CustomerRequest, value: done.credentials };
    } catch (error) {
      const code = isPartnerCenterError(error) ? String(error.code) : 'unexpected';
      const failed = await updateRecord<CustomerRequest>(this.deps.records, REQUEST_KEYS.request(id), (current) =>
        current ? { ...current, state: 'failed', failure: code, intent: undefined } : undefined,
      );
      await this.open.noLongerApproving(id);
      return {
        ok: false,
        request: failed.value as CustomerRequest,
        refusal: partnerCenterFailureRefusal(error, request),
      };
    }
  }

  private async createCustomer(session: PartnerCenterSession, request: CustomerRequest, requestIds: string[]) {
    const address = request.address ?? { line1: '', city: '' };
    const [customerRequestId, ...subscriptionRequestIds] = requestIds;
    const created = await session.createCustomer({
      requestId: customerRequestId,
      associatedPartnerId: request.resellerId,
      companyName: request.customer.companyName,
      domain: initialDomainPrefix(request.customer.domain),
      country: request.customer.country,
      email: request.customer.adminEmail,
      address,
    });
    this.deps.atMomentOfDanger?.('approve:after-customer-created');
    await attestBeforeOrdering(session, created.tenantId, request.agreement);
    const subscriptionIds: string[] = [];
    for (const [i, s] of request.subscriptions.entries()) {
      const sub = await session.createSubscription(created.tenantId, {
        requestId: subscriptionRequestIds[i],
        offerId: s.offerId,
        quantity: s.licences,
        resellerMpnId: s.resellerMpnIdOnRecord,
      });
      subscriptionIds.push(sub.id);
    }
    return {
      result: { customerTenantId: created.tenantId, customerDomain: created.domain, subscriptionIds },
      credentials: { adminUserName: created.adminUserName, temporaryPassword: created.temporaryPassword },
    };
  }

  /** C5, C6, P9 on an existing customer, one subscription at a time. */
  private async changeExisting(session: PartnerCenterSession, request: CustomerRequest, requestIds: string[]) {
    const customerTenantId = request.customer.tenantId ?? '';
    const reseller = await this.deps.partners.get(request.resellerId);
    const contact = {
      supportTenantId: reseller?.tenantId ?? request.resellerId,
      supportMpnId: reseller?.mpnId ?? '',
      name: reseller?.legalName ?? request.resellerId,
    };
    if (ordersNeedAgreement(request.kind)) await attestBeforeOrdering(session, customerTenantId, request.agreement);
    const subscriptionIds: string[] = [];
    for (const [i, s] of request.subscriptions.entries()) {
      let subscriptionId = s.subscriptionId ?? '';
      if (request.kind === 'add-subscription') {
        const created = await session.createSubscription(customerTenantId, {
          requestId: requestIds[i + 1],
          offerId: s.offerId,
          quantity: s.licences,
          resellerMpnId: s.resellerMpnIdOnRecord,
        });
        subscriptionId = created.id;
      } else if (request.kind === 'licence-change') {
        // R1 was validated and NCE1 checked at approval; Partner Center checks both again itself.
        await session.changeQuantity(customerTenantId, subscriptionId, s.licences);
      } else if (request.kind === 'reseller-on-record') {
        await session.updatePartnerOfRecord(customerTenantId, subscriptionId, s.resellerMpnIdOnRecord ?? '');
      }
      if (s.designatedSupportContact) await session.setSupportContact(customerTenantId, subscriptionId, contact);
      subscriptionIds.push(subscriptionId);
    }
    return { customerTenantId, customerDomain: request.customer.domain, subscriptionIds };
  }
}
