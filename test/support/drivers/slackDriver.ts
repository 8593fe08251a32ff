import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { SlackApiStub } from '../fakes/slackApiStub';
import { postToSlack, slashCommandBody } from './slackRequests';

type Json = Record<string, unknown>;

/** Where a button is: an ephemeral message (the default), a channel message, or the App Home (no response_url). */
export type ButtonPlace = 'ephemeral' | 'message' | 'home';

export interface ClickOptions {
  from?: ButtonPlace;
  /** The message the button is on (Bolt hands it to the handler, which may update that message). */
  messageTs?: string;
  /** Another assistant on the same store (several instances behind one Slack app). */
  url?: string;
}

export interface Click {
  response: Promise<{ status: number }>;
  /** The stub method the assistant's respond() lands under. */
  method: string;
}

/**
 * Acts in Slack as a person would, with signed requests to the assistant's /slack/events: slash
 * commands, modal submissions and button clicks. What the assistant answers later through a
 * response_url lands in the Web API stub under a method name of the driver's own (`respond-<n>`).
 * Used by the HTTP tests and the demos (scripts/demo/*), so they all sign and shape requests alike.
 */
export class SlackDriver {
  private responses = 0;

  constructor(
    private readonly assistantUrl: string,
    private readonly slackApi: SlackApiStub,
    private readonly team = 'T0DISTRIB',
    private readonly channel = 'C0APPROVALS',
  ) {}

  /** A plain-text input's state as a modal submits it. */
  static input(value: string) {
    return { value: { type: 'plain_text_input', value } };
  }

  /**
   * What Slack submits for the fields a person leaves as the modal offered them: each select's initial
   * option (Slack sends it as the selection), keyed by block and action as in `view.state.values`.
   */
  static leftAsOffered(view: Json): Record<string, Record<string, unknown>> {
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of (view.blocks as Json[] | undefined) ?? []) {
      const element = block.element as Json | undefined;
      if (block.type !== 'input' || !element?.initial_option) continue;
      values[String(block.block_id)] = {
        [String(element.action_id)]: { type: element.type, selected_option: element.initial_option },
      };
    }
    return values;
  }

  private nextResponseMethod(): string {
    this.responses += 1;
    return `respond-${this.responses}`;
  }

  /** `/csp <text>` from `user`; returns the stub method its later answers land under. */
  async slash(text: string, user: string): Promise<string> {
    const method = this.nextResponseMethod();
    const response = await postToSlack(
      this.assistantUrl,
      slashCommandBody(text, {
        team_id: this.team,
        user_id: user,
        channel_id: this.channel,
        response_url: `${this.slackApi.url}${method}`,
      }),
    );
    expect(response.status).to.equal(200);
    return method;
  }

  /** `/csp <text>`, then what the assistant answered (as JSON text). */
  async slashAnswer(text: string, user: string): Promise<string> {
    const method = await this.slash(text, user);
    await this.slackApi.waitFor(method);
    return JSON.stringify(this.slackApi.callsOf(method)[0].args);
  }

  /** A signed interaction (a modal submission, a button click) as Slack posts it. */
  async interaction(payload: Json, url = this.assistantUrl) {
    return postToSlack(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  viewSubmission(callbackId: string, user: string, values: Json, privateMetadata = '') {
    return this.interaction({
      type: 'view_submission',
      team: { id: this.team, domain: 'distributor' },
      user: { id: user, name: user.toLowerCase(), team_id: this.team },
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '1.2.3',
      view: {
        id: 'V0MODAL',
        team_id: this.team,
        type: 'modal',
        callback_id: callbackId,
        private_metadata: privateMetadata,
        state: { values },
        hash: 'h',
        blocks: [],
      },
    });
  }

  /** A click on a button (of an ephemeral message unless `from` says otherwise). */
  buttonClick(actionId: string, value: string, user: string, options: ClickOptions = {}): Click {
    const method = this.nextResponseMethod();
    const from = options.from ?? 'ephemeral';
    const where =
      from === 'home'
        ? { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home', blocks: [] } }
        : {
            response_url: `${this.slackApi.url}${method}`,
            container: {
              type: 'message',
              message_ts: options.messageTs ?? '1.1',
              channel_id: this.channel,
              ...(from === 'ephemeral' ? { is_ephemeral: true } : {}),
            },
            channel: { id: this.channel, name: 'approvals' },
          };
    const response = this.interaction(
      {
        type: 'block_actions',
        team: { id: this.team, domain: 'distributor' },
        user: { id: user, name: user.toLowerCase(), team_id: this.team },
        api_app_id: 'A0CSP',
        token: 'legacy',
        trigger_id: '4.5.6',
        ...where,
        actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.2' }],
      },
      options.url,
    );
    return { response, method };
  }

  /** What a click's respond() said, as JSON text. */
  async answerTo(click: Click): Promise<string> {
    expect((await click.response).status).to.equal(200);
    await this.slackApi.waitFor(click.method);
    return JSON.stringify(this.slackApi.callsOf(click.method)[0].args);
  }

  /** A click whose answer is a respond(): the answer, as JSON text. */
  async clickAnswer(actionId: string, value: string, user: string, options: ClickOptions = {}): Promise<string> {
    return this.answerTo(this.buttonClick(actionId, value, user, options));
  }

  /** A click whose answer is a modal: the view it opened. */
  async clickOpensView(actionId: string, value: string, user: string): Promise<Json> {
    const opened = this.slackApi.callsOf('views.open').length;
    const { response } = this.buttonClick(actionId, value, user);
    expect((await response).status).to.equal(200);
    await this.slackApi.waitFor('views.open', opened + 1);
    return this.slackApi.callsOf('views.open')[opened].args.view as Json;
  }

  /** `/csp <subcommand>` and the modal it opens, checked by its callback id; resolves with the modal. */
  async slashOpensModal(subcommand: string, user: string, callbackId: string, timeoutMs?: number): Promise<Json> {
    const opened = this.slackApi.callsOf('views.open').length;
    await this.slash(subcommand, user);
    await this.slackApi.waitFor('views.open', opened + 1, timeoutMs);
    const view = this.slackApi.callsOf('views.open')[opened].args.view as Json;
    if (view.callback_id !== callbackId) throw new Error(`/csp ${subcommand} opened ${String(view.callback_id)}`);
    return view;
  }

  /**
   * `/csp setup` and its modal as a workspace admin fills it in for the distributor (P10): its legal name,
   * PartnerID, tenant and country, the approvers (and with `approverGroup`, a Slack user group chosen in its
   * menu), and this driver's channel. Resolves with the modal's answer.
   */
  async setUpDistributor(
    admin: string,
    approvers: string | string[],
    provider: { name: string; mpnId: string; tenantId: string; country?: string },
    timeoutMs?: number,
    approverGroup?: { id: string; name: string },
  ) {
    const view = await this.slashOpensModal('setup', admin, 'partnerships.setup', timeoutMs);
    const input = SlackDriver.input;
    return this.viewSubmission('partnerships.setup', admin, {
      ...SlackDriver.leftAsOffered(view),
      legalName: input(provider.name),
      mpnId: input(provider.mpnId),
      tenantId: input(provider.tenantId),
      country: input(provider.country ?? 'PL'),
      approvers: { value: { type: 'multi_users_select', selected_users: [approvers].flat() } },
      ...(approverGroup
        ? {
            approverGroup: {
              value: {
                type: 'static_select',
                selected_option: { value: approverGroup.id, text: { type: 'plain_text', text: approverGroup.name } },
              },
            },
          }
        : {}),
      channel: { value: { type: 'conversations_select', selected_conversation: this.channel } },
    });
  }

  /** `/csp invite` and its modal as an approver fills it in (P2); resolves with the modal's answer. */
  async invite(approver: string, fields: { email: string; companyName: string; mpnId: string }, timeoutMs?: number) {
    const view = await this.slashOpensModal('invite', approver, 'partnerships.invite', timeoutMs);
    const input = SlackDriver.input;
    return this.viewSubmission('partnerships.invite', approver, {
      ...SlackDriver.leftAsOffered(view),
      email: input(fields.email),
      companyName: input(fields.companyName),
      mpnId: input(fields.mpnId),
    });
  }

  /** `user` opens the assistant's App Home (Slack's app_home_opened event); resolves with the view published for them. */
  async openHome(user: string): Promise<Json> {
    const before = this.slackApi.callsOf('views.publish').length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: this.team,
      api_app_id: 'A0CSP',
      event_id: `Ev${randomUUID().slice(0, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' },
    });
    const response = await postToSlack(this.assistantUrl, body, { contentType: 'application/json' });
    expect(response.status).to.equal(200);
    await this.slackApi.waitFor('views.publish', before + 1);
    const published = this.slackApi
      .callsOf('views.publish')
      .slice(before)
      .filter((c) => c.args.user_id === user);
    return published.at(-1)?.args.view as Json;
  }

  /** The invitation code in a draft modal's link. */
  static codeIn(view: unknown): string {
    const match = /invitations\/([A-Za-z0-9_.%-]+)/.exec(JSON.stringify(view));
    return decodeURIComponent(match?.[1] ?? '');
  }
}
