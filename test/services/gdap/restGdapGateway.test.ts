import { expect } from 'chai';
import { GdapError } from '../../../services/gdap/gdapErrors';
import { RestGdapGateway } from '../../../services/gdap/restGdapGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { GraphFake } from '../../support/fakes/graphFake';
import { rejection } from '../partnerCenter/rejection';
import { regionOf } from '../partnerCenter/testRegions';
import { describeGdapContract } from './gdapContract';

const getAccessToken = async (tenantId: string) => GraphFake.tokenFor(tenantId);

describeGdapContract('Graph REST client against the local fake', async () => {
  let now = Date.parse('2026-12-03T09:00:00Z');
  const fake = await GraphFake.start({ regionOf, now: () => now });
  return {
    gateway: new RestGdapGateway({ baseUrl: fake.baseUrl, getAccessToken, sleep: async () => {} }),
    controls: fake.gdap,
    partnerCenter: fake.partnerCenter,
    partnerCenterControls: fake.partnerCenter,
    advanceClock: (ms) => {
      now += ms;
    },
    close: () => fake.close(),
  };
});

describe('GDAP Graph REST client', () => {
  let fake: GraphFake;
  const client = (options: { maxAttempts?: number } = {}) =>
    new RestGdapGateway({ baseUrl: fake.baseUrl, getAccessToken, sleep: async () => {}, ...options }).as(
      DEMO.provider.tenantId,
    );

  beforeEach(async () => {
    fake = await GraphFake.start({ regionOf });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('calls Graph v1.0 delegatedAdminRelationships with the bearer token and a client-request-id', async () => {
    await client().listRelationships();
    const [request] = fake.requests;
    expect(request.method).to.equal('GET');
    expect(request.path).to.equal('/v1.0/tenantRelationships/delegatedAdminRelationships');
    expect(request.headers.authorization).to.equal(`Bearer ${GraphFake.tokenFor(DEMO.provider.tenantId)}`);
    expect(request.headers['client-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('retries a throttled call as the Partner Center client does, then answers', async () => {
    fake.failNext({ kind: 'throttle', retryAfter: '0' }, { kind: 'server-error' });
    expect(await client().listRelationships()).to.deep.equal([]);
    expect(fake.requests).to.have.length(3);
  });

  it('does not repeat a create after an outage, since Graph may have acted (no idempotency key)', async () => {
    fake.failNext({ kind: 'server-error' });
    const error = await rejection(
      client().createRelationship({
        displayName: 'x',
        customerTenantId: DEMO.resellerReady.tenantId,
        duration: 'P1D',
        roles: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
      }),
    );
    expect(error.code).to.equal('unavailable');
    expect(fake.requests).to.have.length(1);
  });

  it('reports an answer that is not what Graph documents as malformed, not as data', async () => {
    fake.failNext({ kind: 'malformed' });
    const error = await rejection(client().listRelationships());
    expect(error).to.be.instanceOf(GdapError);
    expect(error.code).to.equal('malformed-response');
  });
});
