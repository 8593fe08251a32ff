import { expect } from 'chai';
import { createPartnerCenterGateway } from '../../../services/partnerCenter/createGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { openStore } from '../../../services/storage/openStore';
import { PartnerCenterFake } from '../../support/fakes/partnerCenterFake';
import { regionOf } from './testRegions';

describe('choosing the Partner Center gateway from configuration', () => {
  it('gives the sandbox, with its operator controls, in sandbox mode', async () => {
    const { records } = openStore({ backend: 'memory' });
    const { gateway, sandboxControls } = createPartnerCenterGateway({
      mode: 'sandbox',
      records,
      regionOf,
      sandboxStepMs: 1000,
    });
    expect(sandboxControls).to.not.equal(undefined);
    await sandboxControls?.signMpa(DEMO.resellerWithoutMpa.tenantId);
    expect(
      await gateway.as(DEMO.provider.tenantId).getAgreementStatus({ mpnId: DEMO.resellerWithoutMpa.mpnId }),
    ).to.deep.equal({
      isAgreementSigned: true,
    });
  });

  it('gives the REST client, without sandbox controls, in rest mode', async () => {
    const fake = await PartnerCenterFake.start({ regionOf });
    try {
      const { records } = openStore({ backend: 'memory' });
      const { gateway, sandboxControls } = createPartnerCenterGateway({
        mode: 'rest',
        records,
        restBaseUrl: fake.baseUrl,
        getAccessToken: async (tenantId) => PartnerCenterFake.tokenFor(tenantId),
        distributorTenantId: DEMO.provider.tenantId,
      });
      expect(sandboxControls).to.equal(undefined);
      const profile = await gateway.as(DEMO.provider.tenantId).getLegalBusinessProfile();
      expect(profile.vettingStatus).to.equal('Authorized');
      expect(fake.requests.map((r) => r.path)).to.deep.equal(['/v1/profiles/legalbusiness']);
    } finally {
      await fake.close();
    }
  });

  it('refuses to start in rest mode without a token provider, or a sandbox without the region table', () => {
    const { records } = openStore({ backend: 'memory' });
    expect(() => createPartnerCenterGateway({ mode: 'rest', records })).to.throw(/access token/);
    expect(() => createPartnerCenterGateway({ mode: 'sandbox', records })).to.throw(/region/);
  });
});
