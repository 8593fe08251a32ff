import { expect } from 'chai';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
} from 'botframework-connector';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { SharedConnectorClients } from '../../../bot/teams/connectorClients';

/** The real authentication without an app id (as in development), counting the clients its factories make. */
function counted() {
  const inner = new ConfigurationBotFrameworkAuthentication({});
  const made: string[] = [];
  const createConnectorFactory = inner.createConnectorFactory.bind(inner);
  inner.createConnectorFactory = (identity: ClaimsIdentity) => {
    const factory = createConnectorFactory(identity);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        made.push(serviceUrl);
        return factory.create(serviceUrl, audience);
      }
    })();
  };
  return { inner, made };
}

const identity = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }]);

describe('connector clients shared between turns (issue 18)', () => {
  it('makes one client per service URL for every turn and delivery, and another for another region', async () => {
    const { inner, made } = counted();
    const shared = new SharedConnectorClients(inner);
    const emea = 'https://smba.trafficmanager.net/emea/';
    const amer = 'https://smba.trafficmanager.net/amer/';

    const first = await shared.createConnectorFactory(identity('bot-app')).create(emea);
    const again = await shared.createConnectorFactory(identity('bot-app')).create(emea);
    const other = await shared.createConnectorFactory(identity('bot-app')).create(amer);

    expect(again).to.equal(first);
    expect(other).to.not.equal(first);
    expect(made).to.deep.equal([emea, amer]);
  });

  it('keeps the clients of two bot app ids apart', async () => {
    const { inner } = counted();
    const shared = new SharedConnectorClients(inner);
    const url = 'https://smba.trafficmanager.net/emea/';
    const one = await shared.createConnectorFactory(identity('bot-one')).create(url);
    const two = await shared.createConnectorFactory(identity('bot-two')).create(url);
    expect(two).to.not.equal(one);
  });
});

describe('the user token client shared between turns (issue 18)', () => {
  it('makes one per bot app id, however many turns and deliveries ask, and another for another app id', async () => {
    const inner = new ConfigurationBotFrameworkAuthentication({});
    const made: string[] = [];
    const create = inner.createUserTokenClient.bind(inner);
    inner.createUserTokenClient = (claims: ClaimsIdentity) => {
      made.push(claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '');
      return create(claims);
    };
    const shared = new SharedConnectorClients(inner);

    const first = await shared.createUserTokenClient(identity('bot-one'));
    const again = await shared.createUserTokenClient(identity('bot-one'));
    const other = await shared.createUserTokenClient(identity('bot-two'));

    expect(again).to.equal(first);
    expect(other).to.not.equal(first);
    expect(made).to.deep.equal(['bot-one', 'bot-two']);
  });

  it('tries again on the next turn when one could not be made', async () => {
    const inner = new ConfigurationBotFrameworkAuthentication({});
    let calls = 0;
    const create = inner.createUserTokenClient.bind(inner);
    inner.createUserTokenClient = (claims: ClaimsIdentity) =>
      ++calls === 1 ? Promise.reject(new Error('the credentials could not be made')) : create(claims);
    const shared = new SharedConnectorClients(inner);

    await shared.createUserTokenClient(identity('bot-one')).then(
      () => expect.fail('the first attempt fails'),
      () => undefined,
    );
    expect(await shared.createUserTokenClient(identity('bot-one'))).to.be.an('object');
    expect(calls).to.equal(2);
  });
});
