import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { AgreementErrorCode, PartnerIdNotAuthorized } from '../../../services/partnerCenter/errors';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { openStore, type Store } from '../../../services/storage/openStore';
import { describeGatewayContract } from './gatewayContract';
import { rejection } from './rejection';
import { regionOf } from './testRegions';

const DAY = 24 * 60 * 60 * 1000;
/** A tenant of our own that enrols in a test with the demo MPN ID that has no account yet. */
const TAILSPIN_TENANT = '88888888-8888-4888-8888-888888888888';

function sqliteStore(): { store: Store; dispose(): Promise<void> } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pc-sandbox-'));
  const store = openStore({ backend: 'sqlite', dataDir });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeGatewayContract('sandbox on SQLite', async () => {
  const { store, dispose } = sqliteStore();
  let now = Date.now();
  const gateway = new SandboxGateway({ records: store.records, clock: { stepMs: DAY }, now: () => now, regionOf });
  const advanceClock = (ms: number) => {
    now += ms;
  };
  return { gateway, controls: gateway, advanceClock, close: dispose };
});

describe('Partner Center sandbox', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now: number;
  const STEP = 60_000;
  const sandbox = () =>
    new SandboxGateway({ records: store.records, clock: { stepMs: STEP }, now: () => now, regionOf });

  beforeEach(() => {
    ({ store, dispose } = sqliteStore());
    now = Date.parse('2026-03-02T09:00:00Z');
  });
  afterEach(async () => {
    await dispose();
  });

  describe('verification (E5)', () => {
    it("makes a reseller's PartnerID valid on record once an operator sets Authorized and it signs the MPA (API1, R1, E5, M2)", async () => {
      const gateway = sandbox();
      const tenant = DEMO.resellerInVerification.tenantId;
      const validity = async () =>
        (await gateway.as(DEMO.provider.tenantId).validateResellers([DEMO.resellerInVerification.mpnId]))[0];
      // One code for every cause (R1); the description names it (R2): not authorised, then only the MPA.
      const first = await validity();
      expect(first.errorCode).to.equal(PartnerIdNotAuthorized);
      expect(first.errorDescription).to.match(/not authori[sz]ed/i);
      await gateway.setVerification(tenant, 'Authorized', 'None');
      const second = await validity();
      expect(second.errorCode).to.equal(PartnerIdNotAuthorized);
      expect(second.errorDescription).to.match(/Microsoft Partner Agreement/);
      await gateway.signMpa(tenant);
      expect(await validity()).to.include({ isValidPartnerIdOnRecord: true });
    });

    it('walks Pending through email, employment and business checks to a decision, then Authorized, as time passes and across a restart', async () => {
      const first = sandbox();
      const outcome = await first.as(TAILSPIN_TENANT).submitEnrolment({
        mpnId: DEMO.mpnOnly.mpnId,
        legalName: DEMO.mpnOnly.partnerName,
        country: 'PL',
        primaryContactEmail: 'ola.wojcik@tailspintoys.pl',
      });
      expect(outcome).to.deep.include({ kind: 'submitted' });

      const seen: string[] = [];
      const look = async (gateway: SandboxGateway) => {
        const p = await gateway.verificationOf(TAILSPIN_TENANT);
        seen.push(`${p.vettingStatus}/${p.vettingSubStatus}`);
      };
      await look(first);
      now += STEP;
      await look(first);
      now += STEP;
      const restarted = sandbox(); // a new process on the same store: the state comes from stored timestamps
      await look(restarted);
      now += STEP;
      await look(restarted);
      now += STEP;
      await look(restarted);
      now += 10 * STEP;
      await look(restarted);

      expect(seen).to.deep.equal([
        'Pending/EmailOwnership',
        'Pending/EmploymentVerification',
        'Pending/BusinessVerification',
        'Pending/Decision',
        'Authorized/None',
        'Authorized/None',
      ]);
    });

    it('ends Rejected at the business check for the demo identity whose name does not match the registry', async () => {
      const gateway = sandbox();
      const reseller = DEMO.resellerInVerification.tenantId;
      expect(await gateway.verificationOf(reseller)).to.include({ vettingStatus: 'Pending' }); // seeded now
      now += 4 * STEP;
      const profile = await gateway.verificationOf(reseller);
      expect(profile).to.include({ vettingStatus: 'Rejected', vettingSubStatus: 'BusinessVerification' });
    });

    it('moves one step when an operator advances it, without waiting for the clock', async () => {
      const gateway = sandbox();
      const tenant = DEMO.resellerInVerification.tenantId;
      expect(await gateway.advanceVerification(tenant)).to.include({
        vettingStatus: 'Pending',
        vettingSubStatus: 'EmploymentVerification',
      });
      expect(await gateway.advanceVerification(tenant)).to.include({ vettingSubStatus: 'BusinessVerification' });
      // The step's clock restarted at the advance: half a step later nothing has moved.
      now += STEP / 2;
      expect(await gateway.verificationOf(tenant)).to.include({
        vettingSubStatus: 'BusinessVerification',
      });
    });

    it('holds a state an operator sets off the walk until advanced, then resumes after it', async () => {
      const gateway = sandbox();
      const tenant = DEMO.resellerInVerification.tenantId;
      await gateway.setVerification(tenant, 'Pending', 'Other');
      now += 100 * STEP;
      expect(await gateway.verificationOf(tenant)).to.include({
        vettingStatus: 'Pending',
        vettingSubStatus: 'Other',
      });
      expect(await gateway.advanceVerification(tenant)).to.include({
        vettingStatus: 'Pending',
        vettingSubStatus: 'Decision',
      });
    });

    it('refuses an unknown verification state from an operator', async () => {
      expect((await rejection(sandbox().setVerification(DEMO.provider.tenantId, 'Approved', 'None'))).code).to.equal(
        'invalid-input',
      );
    });
  });

  describe('the temporary password (C3)', () => {
    it('is returned once and is nowhere in the store', async () => {
      const gateway = sandbox();
      const customer = await gateway.as(DEMO.provider.tenantId).createCustomer({
        associatedPartnerId: DEMO.resellerReady.tenantId,
        companyName: 'Nowak Transport sp. z o.o.',
        domain: 'nowaktransport',
        country: 'PL',
        email: 'biuro@nowak-transport.pl',
        address: { line1: 'ul. Długa 5', city: 'Gdańsk' },
      });
      const everything = JSON.stringify(await store.records.list('pc:'));
      expect(everything).to.include(customer.adminUserName);
      expect(everything).to.not.include(customer.temporaryPassword);
    });
  });

  describe('operator controls', () => {
    it('lets a reseller transact once its Global admin signs the MPA (M2, M4)', async () => {
      const gateway = sandbox();
      const provider = gateway.as(DEMO.provider.tenantId);
      const before = await rejection(provider.getAgreementStatus({ mpnId: DEMO.resellerWithoutMpa.mpnId }));
      expect(before.code).to.equal(AgreementErrorCode.MpaNotSignedForRegion);
      await gateway.signMpa(DEMO.resellerWithoutMpa.tenantId);
      expect(await provider.getAgreementStatus({ mpnId: DEMO.resellerWithoutMpa.mpnId })).to.deep.equal({
        isAgreementSigned: true,
      });
    });
  });

  describe('enrolment (E1, E3)', () => {
    const tailspin = TAILSPIN_TENANT;
    const submission = {
      mpnId: DEMO.mpnOnly.mpnId,
      legalName: DEMO.mpnOnly.partnerName,
      country: 'PL',
      primaryContactEmail: 'ola.wojcik@tailspintoys.pl',
    };

    it('refuses a Gmail or .onmicrosoft.com primary contact, as Partner Center does (E4)', async () => {
      for (const primaryContactEmail of ['ola.wojcik@gmail.com', 'ola@tailspintoys.onmicrosoft.com']) {
        const error = await rejection(
          sandbox()
            .as(tailspin)
            .submitEnrolment({ ...submission, primaryContactEmail }),
        );
        expect(error.code, primaryContactEmail).to.equal('invalid-input');
      }
      // Nothing was recorded: the same tenant enrols with a company address afterwards.
      expect(await sandbox().as(tailspin).submitEnrolment(submission)).to.deep.include({ kind: 'submitted' });
    });

    it('refuses a legal name of "!!", as Partner Center does', async () => {
      const error = await rejection(
        sandbox()
          .as(tailspin)
          .submitEnrolment({ ...submission, legalName: '!!' }),
      );
      expect(error.code).to.equal('invalid-input');
    });

    it('finds an MPN ID typed with leading zeros: 0006789012 is 6789012 (P9)', async () => {
      const profile = await sandbox().as(tailspin).getMpnProfile(`000${DEMO.mpnOnly.mpnId}`);
      expect(profile.mpnId).to.equal(DEMO.mpnOnly.mpnId);
    });

    it('turns an MPN ID that was not in Partner Center into an indirect reseller account', async () => {
      const gateway = sandbox();
      const provider = gateway.as(DEMO.provider.tenantId);
      expect((await rejection(provider.getAgreementStatus({ mpnId: DEMO.mpnOnly.mpnId }))).code).to.equal(
        AgreementErrorCode.MpnInvalidOrNotMigrated,
      );
      await gateway.as(tailspin).submitEnrolment(submission);
      // Enrolled but not yet signed: the next thing it lacks is the MPA (M3).
      expect((await rejection(provider.getAgreementStatus({ mpnId: DEMO.mpnOnly.mpnId }))).code).to.equal(
        AgreementErrorCode.MpaNotSignedForRegion,
      );
    });

    it('answers a repeated submission like the first, without restarting verification', async () => {
      const gateway = sandbox();
      await gateway.as(tailspin).submitEnrolment(submission);
      now += STEP;
      const again = await gateway.as(tailspin).submitEnrolment(submission);
      expect(again).to.deep.equal({
        kind: 'submitted',
        profile: {
          companyName: DEMO.mpnOnly.partnerName,
          country: 'PL',
          primaryContactEmail: submission.primaryContactEmail,
          vettingStatus: 'Pending',
          vettingSubStatus: 'EmploymentVerification',
        },
      });
    });

    it('refuses an MPN ID already linked to another account', async () => {
      const error = await rejection(
        sandbox()
          .as(tailspin)
          .submitEnrolment({ ...submission, mpnId: DEMO.resellerReady.mpnId }),
      );
      expect(error.code).to.equal('conflict');
    });

    it('refuses an MPN profile in another country than the account (E3)', async () => {
      const error = await rejection(
        sandbox()
          .as(tailspin)
          .submitEnrolment({ ...submission, country: 'DE' }),
      );
      expect(error.code).to.equal('invalid-input');
    });
  });

  describe('seeding', () => {
    it('never undoes what happened since, when the sandbox starts again', async () => {
      await sandbox().signMpa(DEMO.resellerWithoutMpa.tenantId);
      const restarted = sandbox();
      expect(
        await restarted.as(DEMO.provider.tenantId).getAgreementStatus({ tenantId: DEMO.resellerWithoutMpa.tenantId }),
      ).to.deep.equal({ isAgreementSigned: true });
    });
  });
});
