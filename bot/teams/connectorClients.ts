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
import { LRUCache } from 'lru-cache';
import { withPlainActivityBodies } from './plainActivityBodies';

/** Service URLs are a handful of regional Teams endpoints; the bound only keeps a misbehaving caller small. */
const CLIENTS_CAPACITY = 256;
/** One user token client per bot app id: a deployment has one or two. */
const TOKEN_CLIENTS_CAPACITY = 16;

/**
 * The Bot Framework authentication with one connector client per (bot app id, service URL, audience) for
 * the life of the process. CloudAdapter builds a new `ConnectorClient` for every turn and every proactive
 * delivery: a fresh HTTP pipeline of a dozen policies and a credentials object each time, a few per cent
 * of a delivery's CPU and garbage (issue 18). A client holds no per-turn state, and its credentials renew
 * their own token, so sharing it is what botbuilder's older BotFrameworkAdapter did (its client cache).
 *
 * The same holds for the user token client (OAuth sign-in's token service), which CloudAdapter also builds
 * for every turn and every proactive delivery, with a pipeline of its own, although nothing here signs
 * anyone in: 3.4 % of an enrolment turn's CPU in a profile (issue 18). It keeps only the app id, its
 * credentials and the token service's URL, so one per app id serves every turn.
 *
 * The connector clients write the activities they send as JSON as they are (plainActivityBodies.ts).
 */
export class SharedConnectorClients extends BotFrameworkAuthentication {
  private readonly clients = new LRUCache<string, Promise<ConnectorClient>>({ max: CLIENTS_CAPACITY });
  private readonly tokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: TOKEN_CLIENTS_CAPACITY });

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
    return keptOrMade(this.tokenClients, appIdOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
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
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return keptOrMade(this.clients, `${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
      this.inner.create(serviceUrl, audience).then(withPlainActivityBodies),
    );
  }
}

/** The client kept under `key`, or a new one kept from now on; one that could not be made is not kept. */
function keptOrMade<T>(kept: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const found = kept.get(key);
  if (found) return found;
  const made = make();
  kept.set(key, made);
  // The next turn tries again.
  made.catch(() => {
    if (kept.get(key) === made) kept.delete(key);
  });
  return made;
}

/** The bot's app id as botframework-connector reads it: the audience claim, or the emulator's appid claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
