import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';

/**
 * CloudAdapter with authentication taken apart from the turn. `CloudAdapter.process` answers every
 * failure to authenticate that is not an `AuthenticationError` (Microsoft's login metadata unreachable,
 * a token that does not parse) with 500 and the internal error text, after printing a stack trace on the
 * console; the endpoint (activityEndpoint.ts) authenticates first and decides the answer itself.
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
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
