import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import {
  acceptedCustomerAgreement,
  attestBeforeOrdering,
  customerAgreementOnRecord,
  ordersNeedAgreement,
} from '../../../services/customers/customerAgreement';
import { CustomerAgreementErrorCode, isPartnerCenterError } from '../../../services/partnerCenter/errors';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { openStore, type Store } from '../../../services/storage/openStore';
import { regionOf } from '../partnerCenter/testRegions';

/** MCA1 in services/customers: the acceptance as entered, and the attestation before any order. */
const TODAY = new Date('2026-12-03T09:00:00Z');
const entered = { firstName: ' Jan ', lastName: 'Kowalski', email: 'jan@piekarnia.pl', dateAgreed: '2026-12-01' };

describe('the customer agreement (MCA1)', () => {
  describe('what the reseller enters', () => {
    it('takes the signer and the day, trimmed, with the phone optional (MCA1)', () => {
      const outcome = acceptedCustomerAgreement({ ...entered, phoneNumber: '' }, TODAY);
      expect(outcome).to.deep.equal({
        ok: true,
        value: { firstName: 'Jan', lastName: 'Kowalski', email: 'jan@piekarnia.pl', dateAgreed: '2026-12-01' },
      });
      const withPhone = acceptedCustomerAgreement({ ...entered, phoneNumber: '+48 12 345 67 89' }, TODAY);
      expect(withPhone.ok && withPhone.value.phoneNumber).to.equal('+48 12 345 67 89');
    });

    it('refuses each missing or wrong field with its own code, naming the field (MCA1)', () => {
      const code = (value: unknown) => {
        const outcome = acceptedCustomerAgreement(value, TODAY);
        return outcome.ok ? 'accepted' : `${outcome.refusal.kind === 'input' ? outcome.refusal.code : ''}`;
      };
      expect(code(undefined)).to.equal('mca-signer-missing');
      expect(code({ ...entered, lastName: '  ' })).to.equal('mca-signer-missing');
      expect(code({ ...entered, email: 'jan at piekarnia' })).to.equal('mca-email-invalid');
      expect(code({ ...entered, phoneNumber: 'call me' })).to.equal('mca-phone-invalid');
      expect(code({ ...entered, dateAgreed: '1.12.2026' })).to.equal('mca-date-invalid');
      expect(code({ ...entered, dateAgreed: '2026-12-05' })).to.equal('mca-date-future');
      // 09:00 UTC is already 23:00 on 3 December in Kiribati (UTC+14); the 4th is not yet anywhere.
      expect(code({ ...entered, dateAgreed: '2026-12-04' })).to.equal('mca-date-future');
      expect(code({ ...entered, dateAgreed: '2026-12-03' })).to.equal('accepted');
    });

    it('is needed by the requests that order: a new customer and a new subscription (MCA1)', () => {
      expect(ordersNeedAgreement('new-customer')).to.equal(true);
      expect(ordersNeedAgreement('add-subscription')).to.equal(true);
      expect(ordersNeedAgreement('reseller-on-record')).to.equal(false);
      expect(ordersNeedAgreement('designated-support-contact')).to.equal(false);
    });
  });

  describe('before any order, through the gateway', () => {
    let store: Store;
    let dataDir: string;
    let gateway: SandboxGateway;

    before(() => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'mca-'));
      store = openStore({ backend: 'sqlite', dataDir });
      gateway = new SandboxGateway({ records: store.records, clock: { stepMs: 60_000 }, regionOf });
    });
    after(async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const newCustomer = () =>
      gateway.as(DEMO.provider.tenantId).createCustomer({
        associatedPartnerId: DEMO.resellerReady.tenantId,
        companyName: 'Piekarnia Kowalski',
        domain: `mca${randomBytes(4).toString('hex')}`,
        country: 'PL',
        email: 'jan@piekarnia.pl',
        address: { line1: 'ul. Piekarska 1', city: 'Kraków' },
      });

    it('attests the acceptance with the current template, and Partner Center reads it back (MCA1)', async () => {
      const session = gateway.as(DEMO.provider.tenantId);
      const customer = await newCustomer();
      expect(await customerAgreementOnRecord(session, customer.tenantId)).to.equal(false);
      const acceptance = acceptedCustomerAgreement(entered, TODAY);
      if (!acceptance.ok) throw new Error('refused');
      await attestBeforeOrdering(session, customer.tenantId, acceptance.value);
      // A resumed approval attests again: still one agreement.
      await attestBeforeOrdering(session, customer.tenantId, acceptance.value);
      const agreements = await session.listCustomerAgreements(customer.tenantId);
      expect(agreements).to.have.length(1);
      expect(agreements[0].primaryContact).to.deep.equal({
        firstName: 'Jan',
        lastName: 'Kowalski',
        email: 'jan@piekarnia.pl',
      });
      expect(agreements[0].templateId).to.equal((await session.getCustomerAgreementTemplate()).templateId);
    });

    it('refuses to go on with no acceptance given and none on record, so nothing is ordered (MCA1)', async () => {
      const session = gateway.as(DEMO.provider.tenantId);
      const customer = await newCustomer();
      const error = await attestBeforeOrdering(session, customer.tenantId, undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isPartnerCenterError(error, CustomerAgreementErrorCode.NotAttested)).to.equal(true);
    });

    it('goes on without asking again when Partner Center already has the acceptance (MCA1)', async () => {
      const session = gateway.as(DEMO.provider.tenantId);
      const customer = await newCustomer();
      const acceptance = acceptedCustomerAgreement(entered, TODAY);
      if (!acceptance.ok) throw new Error('refused');
      await attestBeforeOrdering(session, customer.tenantId, acceptance.value);
      await attestBeforeOrdering(session, customer.tenantId, undefined);
      expect(await customerAgreementOnRecord(session, customer.tenantId)).to.equal(true);
    });
  });
});
