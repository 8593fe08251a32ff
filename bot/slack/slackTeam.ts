/**
 * Where a Slack payload names the workspace: commands and Events API envelopes carry `team_id`;
 * interactions carry `team.id`, which is null for an app installed on an Enterprise Grid org, where the
 * acting user's `team_id` still names the workspace.
 */
export interface SlackTeamCarrier {
  team_id?: string;
  team?: { id?: string } | null;
  user?: { team_id?: string };
}

/** The workspace a Slack payload comes from, or '' when it names none. */
export function slackTeamOf(body: SlackTeamCarrier): string {
  return body.team_id ?? body.team?.id ?? body.user?.team_id ?? '';
}
