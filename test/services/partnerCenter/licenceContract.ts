import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { POR_INVALID_CODE } from '../../../services/partnerCenter/partnerOfRecordCauses';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { NCE_WINDOW_MS } from '../../../services/rules/newCommerceRules';
import type { GatewayUnderTest } from './gatewayContract';
import { rejection } from './rejection';
import { customerWithAgreement } from './agreementContract';

/**
 * The gateway contract's licence change (`PATCH .../subscriptions/{id}` with the new quantity): raised
 * or reduced, validated for partner of record first (R1), a reduction only within NCE1's 7 days. Runs
 * last in the suite, since it moves the gateway's clock on.
 */
export function describeLicenceContract(subject: () => GatewayUnderTest): void {
  const provider = () => subject().gateway.as(DEMO.provider.tenantId);

  async function nceSubscription(quantity: number) {
    const domain = `demo${randomBytes(5).toString('hex')}`;
    // Attested first (MCA1): no order goes through without it.
    const customer = await customerWithAgreement(provider(), {
      associatedPartnerId: DEMO.resellerReady.tenantId,
      companyName: 'Kowalski Piekarnia sp. z o.o.',
      domain,
      country: 'PL',
      email: 'jan.kowalski@piekarnia-kowalski.pl',
      address: { line1: 'ul. Piekarska 1', city: 'Kraków' },
    });
    const subscription = await provider().createSubscription(customer.tenantId, {
      offerId: 'CFQ7TTC0LH18:0001',
      quantity,
      resellerMpnId: DEMO.resellerReady.mpnId,
    });
    return { customerTenantId: customer.tenantId, id: subscription.id };
  }

  describe('licence-count change (R1, NCE1)', () => {
    it('raises and reduces the count within 7 days of purchase, and lists the new count with the purchase date', async () => {
      const sub = await nceSubscription(10);
      expect((await provider().changeQuantity(sub.customerTenantId, sub.id, 15)).quantity).to.equal(15);
      expect((await provider().changeQuantity(sub.customerTenantId, sub.id, 12)).quantity).to.equal(12);
      const [listed] = await provider().listSubscriptions(sub.customerTenantId);
      expect(listed.quantity).to.equal(12);
      expect(Date.parse(listed.creationDate ?? '')).to.be.a('number').and.not.NaN;
    });

    it('refuses the change while the partner of record does not validate, and changes nothing (R1, R2)', async () => {
      const sub = await nceSubscription(10);
      await subject().controls.holdPartnerOfRecord(DEMO.resellerReady.tenantId, 'suspended');
      try {
        const error = await rejection(provider().changeQuantity(sub.customerTenantId, sub.id, 20));
        expect(error.code).to.equal(POR_INVALID_CODE);
        expect(error.message).to.match(/suspended/);
      } finally {
        await subject().controls.holdPartnerOfRecord(DEMO.resellerReady.tenantId, undefined);
      }
      const [listed] = await provider().listSubscriptions(sub.customerTenantId);
      expect(listed.quantity).to.equal(10);
    });

    it('refuses a malformed quantity before asking anyone', async () => {
      const sub = await nceSubscription(10);
      expect((await rejection(provider().changeQuantity(sub.customerTenantId, sub.id, 0))).code).to.equal(
        'invalid-input',
      );
    });

    it('refuses a reduction after 7 days, but still lets the count rise (NCE1)', async () => {
      const sub = await nceSubscription(10);
      subject().advanceClock(NCE_WINDOW_MS + 60_000);
      const error = await rejection(provider().changeQuantity(sub.customerTenantId, sub.id, 5));
      expect(error.code).to.equal('invalid-input');
      expect(error.message).to.match(/7 days/);
      expect((await provider().changeQuantity(sub.customerTenantId, sub.id, 11)).quantity).to.equal(11);
    });
  });
}
