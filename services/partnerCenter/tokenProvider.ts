import { z } from 'zod';

/** Partner Center's resource, as its App+User authentication page names it. */
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';
/** A token is replaced this long before it expires, so no call leaves with one about to lapse. */
const REFRESH_EARLY_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 10_000;

export interface RefreshTokenOptions {
  /** `https://login.microsoftonline.com/<tenant>/oauth2/token`, or a local fake in the tests. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** The API the token is for: Partner Center's by default; Microsoft Graph's for GDAP (G1). */
  resource?: string;
  now?: () => number;
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  // The v1 endpoint sends seconds as a string, v2 as a number.
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
});

/**
 * App+User access tokens for Partner Center (DOMAIN.md API1: the distributor's own credentials), by
 * the refresh-token grant Partner Center documents. Tokens are kept until shortly before they expire;
 * callers waiting at that moment share one refresh; a refresh token the endpoint rotates replaces ours.
 *
 * Hand-written (one form POST) rather than @azure/msal-node: MSAL's refresh-token call exists for
 * migration only and keeps its own cache keyed by account, which an App+User service without a
 * signed-in user does not have; and it resolves its authority over the network before the first call.
 */
export class RefreshingTokenProvider {
  private refreshToken: string;
  private current?: { token: string; expiresAt: number };
  private refreshing?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly options: RefreshTokenOptions) {
    this.refreshToken = options.refreshToken;
    this.now = options.now ?? Date.now;
  }

  /** A valid access token, fetched anew only when the one held is close to expiry. */
  async accessToken(): Promise<string> {
    if (this.current && this.current.expiresAt - REFRESH_EARLY_MS > this.now()) return this.current.token;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        resource: this.options.resource ?? PARTNER_CENTER_RESOURCE,
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        refresh_token: this.refreshToken,
      }),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    if (!response.ok) {
      // The body names the AAD error (invalid_grant: the refresh token expired or was revoked); no secret in it.
      const reason = await response.text().catch(() => '');
      throw new Error(`Partner Center token refresh failed: HTTP ${response.status} ${reason.slice(0, 200)}`);
    }
    const answer = tokenAnswer.parse(await response.json());
    if (answer.refresh_token) this.refreshToken = answer.refresh_token;
    this.current = { token: answer.access_token, expiresAt: this.now() + answer.expires_in * 1000 };
    return answer.access_token;
  }
}
