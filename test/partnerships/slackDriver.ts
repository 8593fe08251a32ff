import { expect } from 'chai';
import type { SlackApiStub } from '../fakes/slackApiStub';
import { postToSlack, slashCommandBody } from '../helpers/slackRequests';

type Json = Record<string, unknown>;

/**
 * Acts in Slack as a person would, with signed requests to the assistant's /slack/events: slash
 * commands, modal submissions and button clicks. What the assistant answers later through a
 * response_url lands in the Web API stub under a method name of the driver's own (`respond-<n>`).
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

  async interaction(payload: Json) {
    return postToSlack(this.assistantUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
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

  /** A click on a button of an ephemeral message; `method` is where the assistant's respond() lands. */
  buttonClick(actionId: string, value: string, user: string) {
    const method = this.nextResponseMethod();
    const response = this.interaction({
      type: 'block_actions',
      team: { id: this.team, domain: 'distributor' },
      user: { id: user, name: user.toLowerCase(), team_id: this.team },
      api_app_id: 'A0CSP',
      token: 'legacy',
      trigger_id: '4.5.6',
      response_url: `${this.slackApi.url}${method}`,
      container: { type: 'message', message_ts: '1.1', channel_id: this.channel, is_ephemeral: true },
      channel: { id: this.channel, name: 'approvals' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.2' }],
    });
    return { response, method };
  }

  /** A click whose answer is a respond(): the answer, as JSON text. */
  async clickAnswer(actionId: string, value: string, user: string): Promise<string> {
    const { response, method } = this.buttonClick(actionId, value, user);
    expect((await response).status).to.equal(200);
    await this.slackApi.waitFor(method);
    return JSON.stringify(this.slackApi.callsOf(method)[0].args);
  }

  /** A click whose answer is a modal: the view it opened. */
  async clickOpensView(actionId: string, value: string, user: string): Promise<Json> {
    const opened = this.slackApi.callsOf('views.open').length;
    const { response } = this.buttonClick(actionId, value, user);
    expect((await response).status).to.equal(200);
    await this.slackApi.waitFor('views.open', opened + 1);
    return this.slackApi.callsOf('views.open')[opened].args.view as Json;
  }

  /** The invitation code in a draft modal's link. */
  static codeIn(view: unknown): string {
    const match = /invitations\/([A-Za-z0-9_.%-]+)/.exec(JSON.stringify(view));
    return decodeURIComponent(match?.[1] ?? '');
  }
}
