/**
 * Fakes for calling Slack listeners as Bolt would, without Bolt (as the bolt-ts-starter-template's
 * listener tests do): an app that only records what is registered, a client of sinon stubs, and a
 * button's body. Each slice's folder adds the stubs of its own services.
 */
import type { App } from '@slack/bolt';
import sinon from 'sinon';

// Bolt's listener arguments are many and wide; the tests pass the few the listeners read.
type Listener = (args: Record<string, unknown>) => Promise<void>;

/** An App that keeps the registered listeners by action id and callback id. */
export function fakeApp() {
  const actions = new Map<string, Listener>();
  const views = new Map<string, Listener>();
  const app = {
    action: (id: string, listener: Listener) => actions.set(id, listener),
    view: (id: string, listener: Listener) => views.set(id, listener),
  };
  return { app: app as unknown as App, actions, views };
}

/** The Web API methods the listeners call. */
export function fakeClient() {
  return {
    chat: { postMessage: sinon.stub().resolves({ ok: true }), postEphemeral: sinon.stub().resolves({ ok: true }) },
    views: { open: sinon.stub().resolves({ ok: true }) },
  };
}

export const TEAM = 'T0CONTOSO';
export const APPROVER = { id: 'U0APPROVER', name: 'jan' };

/** A block action's body: from a message (with a response_url) or from the App Home (without). */
export function buttonBody(value: string, from: 'message' | 'home' = 'message') {
  return {
    type: 'block_actions',
    team: { id: TEAM },
    user: APPROVER,
    trigger_id: 'trigger-1',
    ...(from === 'message'
      ? { response_url: 'https://hooks.slack.test/actions/1', channel: { id: 'C0APPROVALS' } }
      : {}),
    actions: [{ type: 'button', value }],
  };
}
