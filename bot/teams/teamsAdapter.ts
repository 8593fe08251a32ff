import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { SharedConnectorClients } from './connectorClients';

/**
 * CloudAdapter with authentication taken apart from the turn. `CloudAdapter.process` answers every
 * failure to authenticate that is not an `AuthenticationError` (Microsoft's login metadata unreachable,
 * a token that does not parse) with 500 and the internal error text, after printing a stack trace on the
 * console; the endpoint (activityEndpoint.ts) authenticates first and decides the answer itself. Its
 * connector clients are shared between turns (connectorClients.ts).
 */
export class TeamsAdapter extends CloudAdapter {
  private readonly authentication: BotFrameworkAuthentication;

  constructor(authentication: BotFrameworkAuthentication) {
    const shared = new SharedConnectorClients(authentication);
    super(shared);
    this.authentication = shared;
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authHeader);
  }

  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
