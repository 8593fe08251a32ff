import { expect } from 'chai';
import sinon from 'sinon';
import { RestGateway, type RestGatewayOptions } from '../../../services/partnerCenter/restGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { PartnerCenterFake } from '../../support/fakes/partnerCenterFake';
import { describeGatewayContract } from './gatewayContract';
import { rejection } from './rejection';
import { regionOf } from './testRegions';

const getAccessToken = async (tenantId: string) => PartnerCenterFake.tokenFor(tenantId);

describeGatewayContract('REST client against the local fake', async () => {
  let now = Date.now();
  const fake = await PartnerCenterFake.start({ regionOf, now: () => now });
  const gateway = new RestGateway({
    baseUrl: fake.baseUrl,
    getAccessToken,
    distributorTenantId: DEMO.provider.tenantId,
    sleep: async () => {},
  });
  const advanceClock = (ms: number) => {
    now += ms;
  };
  return { gateway, controls: fake.controls, advanceClock, close: () => fake.close() };
});

describe('Partner Center REST client', () => {
  let fake: PartnerCenterFake;
  let sleep: sinon.SinonStub<[number], Promise<void>>;

  const client = (options: Partial<RestGatewayOptions> = {}) =>
    new RestGateway({ baseUrl: fake.baseUrl, getAccessToken, sleep, random: () => 0.5, ...options }).as(
      DEMO.provider.tenantId,
    );
  const lookUp = (options: Partial<RestGatewayOptions> = {}) => client(options).getMpnProfile(DEMO.resellerReady.mpnId);

  beforeEach(async () => {
    fake = await PartnerCenterFake.start({ regionOf });
    sleep = sinon.stub<[number], Promise<void>>().resolves();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the bearer token, a request id and a correlation id on the documented route', async () => {
    await client().getAgreementStatus({ mpnId: DEMO.resellerReady.mpnId });
    const [request] = fake.requests;
    expect(request).to.deep.include({
      method: 'GET',
      path: '/v1/compliance/csp/agreementstatus',
      query: { mpnId: DEMO.resellerReady.mpnId },
    });
    expect(request.headers.authorization).to.equal(`Bearer ${PartnerCenterFake.tokenFor(DEMO.provider.tenantId)}`);
    expect(request.headers['ms-requestid']).to.match(/^[0-9a-f-]{36}$/);
    expect(request.headers['ms-correlationid']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('uses the correlation id it is given, so one user action can be traced across calls', async () => {
    const gateway = new RestGateway({ baseUrl: fake.baseUrl, getAccessToken, sleep });
    const session = gateway.as(DEMO.provider.tenantId, { correlationId: 'b1f4c1de-0000-4000-8000-000000000001' });
    await session.getMpnProfile(DEMO.resellerReady.mpnId);
    await session.listOffers('PL');
    expect(fake.requests.map((r) => r.headers['ms-correlationid'])).to.deep.equal([
      'b1f4c1de-0000-4000-8000-000000000001',
      'b1f4c1de-0000-4000-8000-000000000001',
    ]);
    expect(new Set(fake.requests.map((r) => r.headers['ms-requestid'])).size).to.equal(2);
  });

  describe('when Partner Center is throttling or failing', () => {
    it('waits the Retry-After seconds after a 429, then succeeds as one call with one request id', async () => {
      fake.failNext({ kind: 'throttle', retryAfter: '3' });
      const profile = await lookUp();
      expect(profile.partnerName).to.equal(DEMO.resellerReady.name);
      expect(sleep.args).to.deep.equal([[3000]]);
      expect(fake.requests).to.have.length(2);
      expect(fake.requests[0].headers['ms-requestid']).to.equal(fake.requests[1].headers['ms-requestid']);
      expect(fake.requests[0].headers['ms-correlationid']).to.equal(fake.requests[1].headers['ms-correlationid']);
    });

    it('honours a Retry-After given as an HTTP date', async () => {
      const inTwoSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString();
      fake.failNext({ kind: 'throttle', retryAfter: inTwoSeconds });
      await lookUp();
      expect(sleep.callCount).to.equal(1);
      expect(sleep.firstCall.args[0]).to.be.within(1000, 3000);
    });

    it('gives up at once, as throttled, when Partner Center asks for a longer wait than a chat turn can bear', async () => {
      fake.failNext({ kind: 'throttle', retryAfter: '600' });
      const error = await rejection(lookUp());
      expect(error).to.include({ code: 'throttled', retryable: true, httpStatus: 429, retryAfterMs: 600_000 });
      expect(sleep.called).to.equal(false);
    });

    it('retries a 500 with backoff and succeeds', async () => {
      fake.failNext({ kind: 'server-error' }, { kind: 'server-error' });
      const profile = await lookUp({ baseDelayMs: 100 });
      expect(profile.mpnId).to.equal(DEMO.resellerReady.mpnId);
      // Full jitter with random() = 0.5: half of 100, then half of 200.
      expect(sleep.args).to.deep.equal([[50], [100]]);
      expect(new Set(fake.requests.map((r) => r.headers['ms-requestid'])).size).to.equal(1);
    });

    it('reports unavailable after the last attempt still fails', async () => {
      fake.failNext({ kind: 'server-error' }, { kind: 'server-error' }, { kind: 'server-error' });
      const error = await rejection(lookUp({ maxAttempts: 3 }));
      expect(error).to.include({ code: 'unavailable', retryable: true, httpStatus: 500 });
      expect(fake.requests).to.have.length(3);
    });

    it('reports a timeout when every attempt is slower than the limit', async () => {
      fake.failNext({ kind: 'slow', delayMs: 2000 }, { kind: 'slow', delayMs: 2000 });
      const error = await rejection(lookUp({ timeoutMs: 100, maxAttempts: 2 }));
      expect(error).to.include({ code: 'timeout', retryable: true });
      expect(fake.requests).to.have.length(2);
    });

    it('reports a malformed answer as malformed-response, without retrying it', async () => {
      fake.failNext({ kind: 'malformed' });
      const error = await rejection(lookUp());
      expect(error).to.include({ code: 'malformed-response', retryable: false });
      expect(fake.requests).to.have.length(1);
    });

    it('retries creating a customer whose answer was lost: the same request id gets the one customer created (C3)', async () => {
      // Without the stable MS-RequestId the retry would be a second creation, refused as a taken domain.
      fake.failNext({ kind: 'answer-lost' });
      const customer = await client().createCustomer({
        associatedPartnerId: DEMO.resellerReady.tenantId,
        companyName: 'Zielony Ogród sp. z o.o.',
        domain: 'zielonyogrod',
        country: 'PL',
        email: 'kontakt@zielony-ogrod.pl',
        address: { line1: 'ul. Ogrodowa 3', city: 'Poznań' },
      });
      expect(customer.adminUserName).to.equal('admin@zielonyogrod.onmicrosoft.com');
      const posts = fake.requests.filter((r) => r.method === 'POST');
      expect(posts).to.have.length(2);
      expect(posts[0].headers['ms-requestid']).to.equal(posts[1].headers['ms-requestid']);
    });
  });

  it('refuses without calling Partner Center when no token can be had', async () => {
    const error = await rejection(lookUp({ getAccessToken: async () => Promise.reject(new Error('AADSTS7000215')) }));
    expect(error.code).to.equal('unauthorized');
    expect(fake.requests).to.have.length(0);
  });

  describe("the distributor's credentials (API1)", () => {
    const gateway = (distributorTenantId?: string) =>
      new RestGateway({ baseUrl: fake.baseUrl, getAccessToken, sleep, distributorTenantId });

    it("never asks for a reseller's legal business profile: refused with a 403 before any request (API1)", async () => {
      const error = await rejection(
        gateway(DEMO.provider.tenantId).as(DEMO.resellerReady.tenantId).getLegalBusinessProfile(),
      );
      expect([error.code, error.httpStatus]).to.deep.equal(['unauthorized', 403]);
      expect(fake.requests).to.have.length(0);
    });

    it('reads no legal business profile at all while whose credentials these are is unknown (API1)', async () => {
      const error = await rejection(gateway().as(DEMO.provider.tenantId).getLegalBusinessProfile());
      expect(error.httpStatus).to.equal(403);
      expect(fake.requests).to.have.length(0);
    });

    it("reads the distributor's own profile on the documented route", async () => {
      const profile = await gateway(DEMO.provider.tenantId).as(DEMO.provider.tenantId).getLegalBusinessProfile();
      expect(profile).to.include({ companyName: DEMO.provider.name, vettingStatus: 'Authorized' });
      expect(fake.requests.map((r) => r.path)).to.deep.equal(['/v1/profiles/legalbusiness']);
    });

    it("the local fake answers a reseller's token 403, as Partner Center does (API1)", async () => {
      // Configured as if the reseller's own credentials were held, so the request does leave.
      const reseller = DEMO.resellerInVerification.tenantId;
      const error = await rejection(gateway(reseller).as(reseller).getLegalBusinessProfile());
      expect([error.code, error.httpStatus]).to.deep.equal(['unauthorized', 403]);
      expect(fake.requests).to.have.length(1);
    });
  });

  it('sends the Global admin to the onboarding page to enrol, since Partner Center has no enrolment API (E1)', async () => {
    const outcome = await client().submitEnrolment({
      mpnId: DEMO.mpnOnly.mpnId,
      legalName: DEMO.mpnOnly.partnerName,
      country: 'PL',
      primaryContactEmail: 'ola.wojcik@tailspintoys.pl',
    });
    expect(outcome.kind).to.equal('complete-in-portal');
    expect(fake.requests).to.have.length(0);
  });
});
