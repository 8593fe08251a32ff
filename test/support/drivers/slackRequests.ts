import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Headers Slack would send: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(body: string, secret = TEST_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommandBody(text: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0DISTRIB',
    team_domain: 'distributor',
    channel_id: 'C0APPROVALS',
    channel_name: 'approvals',
    user_id: 'U0REP',
    user_name: 'rep',
    command: '/csp',
    text,
    api_app_id: 'A0CSP',
    response_url: 'https://hooks.slack.invalid/commands/1',
    trigger_id: '1.2.3',
    ...overrides,
  }).toString();
}

/** POSTs a signed (or deliberately mis-signed) request to the assistant's Slack endpoint. */
export async function postToSlack(
  baseUrl: string,
  body: string,
  options: { contentType?: string; headers?: Record<string, string>; signed?: boolean } = {},
) {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    ...(options.signed === false ? {} : slackSignature(body)),
    ...options.headers,
  };
  const response = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, unknown> | undefined };
}
