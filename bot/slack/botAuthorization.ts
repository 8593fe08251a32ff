import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * Bolt's `authorize` for our one workspace token: `auth.test` once, on the first event (so starting
 * does not depend on Slack being reachable), then the answer is kept; a failed call is tried again on
 * the next event. Bolt's own single-token authorization with token verification off calls `auth.test`
 * again for every request (bolt-js 5.1), a Slack round trip before every ack.
 */
export function cachedBotAuthorization(botToken: string, client: WebClient): Authorize<boolean> {
  let identity: Promise<Pick<AuthorizeResult, 'botId' | 'botUserId'>> | undefined;
  return async () => {
    identity ??= client.auth.test({ token: botToken }).then((answer) => ({
      botId: answer.bot_id,
      botUserId: answer.user_id,
    }));
    try {
      return { botToken, ...(await identity) };
    } catch (error) {
      identity = undefined;
      throw error;
    }
  };
}
