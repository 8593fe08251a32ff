import { sameMpnId } from '../domain/identifiers';
import type { Partner } from '../domain/partner';
import type { Subscription } from '../domain/subscription';
import { violation } from './codes';
import { type Decision, refuse, type Violation } from './decision';

/**
 * P9 with M2: a subscription's "Reseller (MPN ID)" must be the MPN ID of the reseller's Partner
 * Location Account used to onboard, so the reseller earns its incentives; and the reseller must
 * have an active MPA before a provider associates its MPN ID with a new subscription.
 */
export function mayBeResellerOfRecord(
  reseller: Pick<Partner, 'id' | 'status'> & { mpnId?: string },
  subscription: Pick<Subscription, 'resellerMpnIdOnRecord'>,
): Decision {
  const violations: Violation[] = [];
  const onRecord = subscription.resellerMpnIdOnRecord?.trim();
  if (!reseller.mpnId) {
    violations.push(violation('P9.reseller-mpn-id-missing', { resellerId: reseller.id }));
  } else if (onRecord && !sameMpnId(onRecord, reseller.mpnId)) {
    violations.push(
      violation('P9.mpn-id-mismatch', { resellerId: reseller.id, onRecord, resellerMpnId: reseller.mpnId }),
    );
  }
  if (!reseller.status.mpaSigned) violations.push(violation('M2.reseller-mpa-not-signed', { resellerId: reseller.id }));
  return refuse(violations);
}
