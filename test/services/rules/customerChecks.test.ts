import { expect } from 'chai';
import { customerChecksInOrder } from '../../../services/rules';

describe('the checks a customer request review lists, in the service order (C2, M1–M3, P5, P6, C7–C10)', () => {
  it('leads with the provider relationship for an existing customer (C2)', () => {
    expect(customerChecksInOrder('add-subscription')).to.deep.equal([
      'relationship',
      'transacting',
      'partnership',
      'region',
      'notSelf',
      'notCspTenant',
      'notProvidersReseller',
      'partnerOfRecord',
    ]);
  });

  it('ends with the partner-of-record validation for every order and change, not for a support contact alone (R1)', () => {
    expect(customerChecksInOrder('new-customer').at(-1)).to.equal('partnerOfRecord');
    expect(customerChecksInOrder('licence-change').at(-1)).to.equal('partnerOfRecord');
    expect(customerChecksInOrder('designated-support-contact')).to.not.include('partnerOfRecord');
  });

  it('leaves the relationship out for a new customer, which has none yet (C2)', () => {
    expect(customerChecksInOrder('new-customer')).to.not.include('relationship');
    expect(customerChecksInOrder('new-customer')[0]).to.equal('transacting');
  });
});
