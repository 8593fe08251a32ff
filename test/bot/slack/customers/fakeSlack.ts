/**
 * The customers listeners' services as stubs, and a request as the store keeps it, over the Slack fakes
 * of ../fakeSlack.ts: a failure then names the listener, not a journey.
 */
import type { App } from '@slack/bolt';
import sinon from 'sinon';
import { translatorFor } from '../../../../i18n/i18n';
import type { SlackCustomers } from '../../../../bot/slack/customers';
import { ApprovalQueue } from '../../../../bot/slack/customers/approvalQueue';
import type { CustomerRequest } from '../../../../services/customers';
import { fakeApp, fakeClient } from '../fakeSlack';

export { APPROVER, buttonBody, fakeApp, fakeClient, TEAM } from '../fakeSlack';

/** The services behind the listeners, every method a stub; an English translator. */
export function fakeServices() {
  const s = {
    requests: { get: sinon.stub() },
    decisions: { approve: sinon.stub(), reject: sinon.stub() },
    resellerCustomers: { of: sinon.stub().resolves([]) },
    partnerships: {
      isApprover: sinon.stub().resolves(true),
      getProviderBySlackTeam: sinon.stub().resolves(undefined),
      getPartnership: sinon.stub().resolves(undefined),
      listResellers: sinon.stub().resolves([]),
    },
    languages: { translatorFor: sinon.stub().resolves(translatorFor('en')) },
    people: {
      actor: sinon.stub().callsFake(async (_client: unknown, user: { id: string }) => ({
        platform: 'slack',
        userId: user.id,
        name: 'Jan Wiśniewski',
      })),
    },
    logger: { error: sinon.stub(), warn: sinon.stub(), debug: sinon.stub(), info: sinon.stub() },
    afterDecision: sinon.stub().resolves(),
    redraw: sinon.stub().resolves(),
    // The real queue (in memory); the clicks' records as stubs.
    approvals: new ApprovalQueue(4),
    accepted: { record: sinon.stub().resolves(), done: sinon.stub().resolves() },
  };
  return { stubs: s, services: s as unknown as SlackCustomers };
}

/** A pending request for a new customer, as the store keeps it. */
export function pendingRequest(overrides: Partial<CustomerRequest> = {}): CustomerRequest {
  return {
    id: 'req-1',
    kind: 'new-customer',
    requestedBy: { platform: 'teams', tenantId: 'tenant-fabrikam', userId: 'aad-piotr', name: 'Piotr Nowak' },
    resellerId: 'tenant-fabrikam',
    providerId: 'provider-contoso',
    customer: {
      companyName: 'Nowy Klient',
      domain: 'nowyklient.pl',
      country: 'PL',
      adminEmail: 'admin@nowyklient.pl',
      tenantType: 'customer',
    },
    subscriptions: [{ offerId: 'offer-1', offerName: 'Microsoft 365 Business Basic', licences: 5 }],
    state: 'pending',
    createdAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  } as CustomerRequest;
}

/** A request another approver, Maria Nowak, decided first. */
export const decidedByMaria = (state: 'approved' | 'rejected') =>
  pendingRequest({
    state,
    decision: { by: { platform: 'slack', userId: 'U0OTHER', name: 'Maria Nowak' }, at: '2026-12-01T10:00:00Z' },
  });

/** What `register` adds over fresh fakes: the recorded listeners, the service stubs, a client, ack and respond. */
export function registered(register: (app: App, s: SlackCustomers) => void) {
  const { app, actions, views } = fakeApp();
  const { stubs, services } = fakeServices();
  register(app, services);
  const ack = sinon.stub().resolves();
  const respond = sinon.stub().resolves();
  return { actions, views, stubs, client: fakeClient(), ack, respond };
}
