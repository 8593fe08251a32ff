import { expect } from 'chai';
import {
  partnerDraftSchema,
  partnerRequestSchema,
  partnerSchema,
  partnershipSchema,
  subscriptionSchema,
} from '../../../services/domain';

const complete = {
  id: 'res-fabrikam',
  kind: 'indirect-reseller',
  legalName: 'Fabrikam AB',
  address: { line1: 'Drottninggatan 1', city: 'Stockholm', country: 'SE' },
  country: 'SE',
  tenantId: '22222222-2222-4222-8222-222222222222',
  mpnId: '2000002',
  primaryContact: { name: 'Erik Svensson', email: 'erik@fabrikam.se' },
  supportContact: { phone: '+46 8 123 456' },
  domains: ['Fabrikam.SE'],
};

describe('partner', () => {
  it('accepts a draft with nothing gathered yet and starts it at the beginning', () => {
    const draft = partnerDraftSchema.parse({ id: 'd1', kind: 'indirect-reseller' });
    expect(draft.status).to.deep.equal({
      enrolment: 'not-started',
      verification: 'None',
      mpaSigned: false,
      onboardedInPartnerCenter: false,
    });
    expect(draft.affiliates).to.deep.equal([]);
  });

  it('requires every enrolment field of a full partner', () => {
    const parsed = partnerSchema.safeParse({ id: 'p1', kind: 'indirect-reseller' });
    expect(parsed.success).to.equal(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).to.include.members([
      'legalName',
      'address',
      'country',
      'tenantId',
      'mpnId',
      'primaryContact',
      'supportContact',
    ]);
  });

  it('accepts a complete partner and stores its domains in lower case', () => {
    expect(partnerSchema.parse(complete).domains).to.deep.equal(['fabrikam.se']);
  });

  it('refuses a support contact with no channel at all', () => {
    const parsed = partnerSchema.safeParse({ ...complete, supportContact: {} });
    expect(parsed.error?.issues.map((i) => i.message)).to.deep.equal(['validation.support-contact-empty']);
  });

  it('refuses a partner kind outside the three of the program (T1)', () => {
    expect(partnerSchema.safeParse({ ...complete, kind: 'distributor' }).success).to.equal(false);
  });
});

describe('partnership, subscription and request', () => {
  const actor = { platform: 'slack', userId: 'U123' };
  const customer = {
    companyName: 'Tailspin Toys',
    domain: 'tailspintoys.se',
    country: 'SE',
    adminEmail: 'it@tailspintoys.se',
  };
  const request = {
    id: 'r1',
    kind: 'new-customer',
    requestedBy: { platform: 'teams', tenantId: '22222222-2222-4222-8222-222222222222', userId: '29:abc' },
    resellerId: 'res-fabrikam',
    providerId: 'prov-contoso-dist',
    customer,
    subscriptions: [{ offerId: 'O365_E3', licences: 25 }],
  };

  it('records who invited and when', () => {
    const parsed = partnershipSchema.parse({
      id: 'ps1',
      providerId: 'p',
      resellerId: 'r',
      state: 'invited',
      createdBy: actor,
      createdAt: '2024-05-01T10:00:00Z',
    });
    expect(parsed.createdBy.platform).to.equal('slack');
  });

  it('refuses a subscription without at least one whole licence', () => {
    expect(subscriptionSchema.safeParse({ offerId: 'x', licences: 0 }).success).to.equal(false);
    expect(subscriptionSchema.safeParse({ offerId: 'x', licences: 1.5 }).success).to.equal(false);
  });

  it('accepts a pending new-customer request and defaults the customer to a Customer tenant', () => {
    const parsed = partnerRequestSchema.parse(request);
    expect(parsed.state).to.equal('pending');
    expect(parsed.customer.tenantType).to.equal('customer');
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['a new-customer request with nothing to order', { subscriptions: [] }, 'validation.request-needs-subscription'],
    [
      'an add-subscription request for a customer not yet in Partner Center',
      { kind: 'add-subscription' },
      'validation.request-needs-existing-customer',
    ],
    ['an approved request without the decision', { state: 'approved' }, 'validation.request-decision-missing'],
  ];
  for (const [name, change, message] of refusals) {
    it(`refuses ${name}`, () => {
      const parsed = partnerRequestSchema.safeParse({ ...request, ...change });
      expect(parsed.error?.issues.map((i) => i.message)).to.deep.equal([message]);
    });
  }
});
