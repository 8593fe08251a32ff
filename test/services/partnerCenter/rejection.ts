import { expect } from 'chai';
import { PartnerCenterError } from '../../../services/partnerCenter/errors';

/** The PartnerCenterError a call failed with; fails the test when it succeeded or threw something else. */
export async function rejection(promise: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(PartnerCenterError);
    return error as PartnerCenterError;
  }
  expect.fail('expected the call to fail with a PartnerCenterError');
}
