import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { LruMap } from '../lruMap';

/** Service URLs are a handful of regional Teams endpoints; the bound only keeps a misbehaving caller small. */
const CLIENTS_CAPACITY = 256;

/**
 * The Bot Framework authentication with one connector client per (bot app id, service URL, audience) for
 * the life of the process. CloudAdapter builds a new `ConnectorClient` for every turn and every proactive
 * delivery: a fresh HTTP pipeline of a dozen policies and a credentials object each time, a few per cent
 * of a delivery's CPU and garbage (issue 18). A client holds no per-turn state, and its credentials renew
 * their own token, so sharing it is what botbuilder's older BotFrameworkAdapter did (its client cache).
 */
export class SharedConnectorClients extends BotFrameworkAuthentication {
  private readonly clients = new LruMap<string, Promise<ConnectorClient>>(CLIENTS_CAPACITY);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.shared(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.shared(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new SharingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.clients,
    );
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private shared(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    const factory = new SharingConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.clients);
    return { ...result, connectorFactory: factory };
  }
}

class SharingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: LruMap<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      this.clients.set(key, client);
      // A client that could not be made is not kept: the next turn tries again.
      const made = client;
      made.catch(() => {
        if (this.clients.get(key) === made) this.clients.delete(key);
      });
    }
    return client;
  }
}

/** The bot's app id as botframework-connector reads it: the audience claim, or the emulator's appid claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
