import { randomUUID } from 'node:crypto';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const USER_AAD_ID = '00000000-0000-0000-0000-0000000000a1';

export interface TeamsUser {
  tenantId?: string;
  aadObjectId?: string;
  name?: string;
  locale?: string;
  conversationId?: string;
}

let sequence = 0;
/** Activity ids differ from run to run too, as Teams' do: the delivery ledger on a shared Redis outlives a run. */
const RUN = randomUUID().slice(0, 8);

/** A Teams personal-chat activity as the Bot Framework channel would POST it. */
export function teamsActivity(serviceUrl: string, fields: Record<string, unknown>, user: TeamsUser = {}) {
  const tenantId = user.tenantId ?? TENANT;
  const aadObjectId = user.aadObjectId ?? USER_AAD_ID;
  sequence += 1;
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `activity-${RUN}-${sequence}`,
    timestamp: new Date().toISOString(),
    locale: user.locale ?? 'en-US',
    from: { id: `29:${aadObjectId}`, aadObjectId, name: user.name ?? 'Anna Nowak' },
    recipient: { id: '28:bot-id', name: 'CSP Partner Assistant' },
    conversation: { id: user.conversationId ?? `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...fields,
  };
}

export const message = (serviceUrl: string, text: string, user?: TeamsUser) =>
  teamsActivity(serviceUrl, { type: 'message', text }, user);

export const cardSubmit = (serviceUrl: string, value: Record<string, unknown>, user?: TeamsUser) =>
  teamsActivity(serviceUrl, { type: 'message', value }, user);

export const installed = (serviceUrl: string, user?: TeamsUser) =>
  teamsActivity(
    serviceUrl,
    {
      type: 'conversationUpdate',
      membersAdded: [{ id: `29:${user?.aadObjectId ?? USER_AAD_ID}` }, { id: '28:bot-id' }],
    },
    user,
  );

/** POSTs an activity to /api/messages and returns the HTTP status. */
export async function postActivity(baseUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  return response.status;
}
