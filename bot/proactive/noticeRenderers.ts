import type { SlackDeliveredHook, SlackNoticeRenderer, TeamsNoticeRenderer } from './notifier';

/** Every feature's notice renderers, filled by the composition root once all features are built. */
export class NoticeRenderers {
  readonly teams = new Map<string, TeamsNoticeRenderer>();
  readonly slack = new Map<string, SlackNoticeRenderer>();
  readonly slackDelivered = new Map<string, SlackDeliveredHook>();

  add(
    teams: Record<string, TeamsNoticeRenderer> = {},
    slack: Record<string, SlackNoticeRenderer> = {},
    slackDelivered: Record<string, SlackDeliveredHook> = {},
  ) {
    for (const [name, render] of Object.entries(teams)) this.teams.set(name, render);
    for (const [name, render] of Object.entries(slack)) this.slack.set(name, render);
    for (const [name, hook] of Object.entries(slackDelivered)) this.slackDelivered.set(name, hook);
  }

  teamsRenderer(name: string): TeamsNoticeRenderer {
    const render = this.teams.get(name);
    if (!render) throw new Error(`no Teams renderer registered for notice "${name}"`);
    return render;
  }

  slackRenderer(name: string): SlackNoticeRenderer {
    const render = this.slack.get(name);
    if (!render) throw new Error(`no Slack renderer registered for notice "${name}"`);
    return render;
  }
}
