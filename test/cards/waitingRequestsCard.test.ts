import { expect } from 'chai';
import { waitingRequestsCard } from '../../cards/teams/waitingRequestsCard';
import { translatorFor } from '../../i18n/i18n';
import type { CustomerRequest } from '../../services/customers';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const base = {
  requestedBy: { platform: 'teams' as const, tenantId: 'tenant-tailspin', userId: 'aad-anna', name: 'Anna Nowak' },
  resellerId: 'tenant-tailspin',
  providerId: 'provider-contoso',
  state: 'pending' as const,
};
const reduction = {
  ...base,
  id: 'req-licences',
  kind: 'licence-change',
  createdAt: '2026-12-01T09:00:00.000Z',
  customer: { companyName: 'Piekarnia Kowalski sp. z o.o.', domain: 'piekarnia.pl', country: 'PL', tenantId: 'c-1' },
  subscriptions: [
    {
      subscriptionId: 'sub-1',
      offerId: 'CFQ7TTC0LDPB:0001',
      offerName: 'Microsoft 365 Business Standard',
      licences: 12,
      previousLicences: 20,
      purchasedAt: '2026-11-29T12:00:00.000Z',
    },
  ],
} as unknown as CustomerRequest;
const newCustomer = {
  ...base,
  id: 'req-new',
  kind: 'new-customer',
  createdAt: '2026-12-03T08:30:00.000Z',
  customer: { companyName: 'Nowy Klient sp. z o.o.', domain: 'nowy.pl', country: 'PL' },
  subscriptions: [{ offerId: 'CFQ7TTC0LH16:0001', offerName: 'Exchange Online (Plan 1)', licences: 3 }],
} as unknown as CustomerRequest;

const render = (requests: CustomerRequest[], language = 'pl') =>
  JSON.stringify(waitingRequestsCard(translatorFor(language), requests, () => 'Contoso Dystrybucja sp. z o.o.', NOW));

describe("The reseller's waiting requests card (`requests`, C3, NCE1)", () => {
  it('says how long each request has waited, in the reader language', () => {
    const pl = translatorFor('pl');
    const card = render([reduction, newCustomer]);
    expect(card)
      .to.include(pl('customers:teams.waiting.title', { count: 2 }))
      .and.include(pl('customers:teams.waiting.ageValue', { days: 2, hours: 3 }))
      .and.include(pl('customers:teams.waiting.ageValue', { days: 0, hours: 3 }))
      .and.include('Contoso Dystrybucja sp. z o.o.')
      .and.include('Anna Nowak');
  });

  it("shows what is left of NCE1's 7 days on a licence reduction, and the footer only then (NCE1)", () => {
    const sv = translatorFor('sv');
    const withWindow = render([reduction], 'sv');
    expect(withWindow)
      .to.include(sv('customers:slack.request.windowLeft', { days: 3, hours: 0 }))
      .and.include(sv('customers:teams.waiting.footer'));
    const without = render([newCustomer], 'sv');
    expect(without).to.not.include('NCE1');
  });
});
