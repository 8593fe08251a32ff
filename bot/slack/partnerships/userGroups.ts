import type { WebClient } from '@slack/web-api';
import type { ApproverGroup, UserGroupDirectory } from '../../../services/partnerships/types';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../logger';

/**
 * How long a group's member list is trusted: a minute. Someone removed from the approver group loses
 * the right within a minute, while a burst of checks (a modal and its submission, several clicks in
 * /csp resellers) asks Slack once; usergroups.users.list is Tier 2 (about 20 calls a minute).
 */
export const MEMBERS_TTL_MS = 60_000;

/**
 * Groups whose members are kept: each distributor names one approver group, so a few in practice; the
 * bound keeps a member list per group from outliving its use across thousands of workspaces.
 */
export const GROUPS_KEPT = 1_000;

/**
 * Members of Slack user groups, from usergroups.users.list, cached for `MEMBERS_TTL_MS` on a clock
 * that tests can move. A failed call (Slack down, a Free plan's plan_upgrade_required, a deleted
 * group) is not remembered and grants nothing: only the named approvers act until Slack answers.
 */
export class SlackUserGroups implements UserGroupDirectory {
  private readonly cache: LRUCache<string, { members: Promise<string[] | undefined>; until: number }>;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MEMBERS_TTL_MS,
    groupsKept = GROUPS_KEPT,
  ) {
    this.cache = new LRUCache({ max: groupsKept });
  }

  async membersOf(teamId: string, groupId: string): Promise<string[] | undefined> {
    const key = `${teamId}:${groupId}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.members;
    const entry = { members: this.fetch(groupId), until: this.now() + this.ttlMs };
    this.cache.set(key, entry);
    const members = await entry.members;
    if (members === undefined && this.cache.get(key) === entry) this.cache.delete(key);
    return members;
  }

  private async fetch(groupId: string): Promise<string[] | undefined> {
    try {
      const answer = await this.client.usergroups.users.list({ usergroup: groupId });
      return answer.users ?? [];
    } catch (error) {
      this.logger.warn(
        { err: error, group: groupId },
        'usergroups.users.list failed: the group grants nothing for now',
      );
      return undefined;
    }
  }
}

/**
 * A user group as people mention it, `@csp-approvers` (its handle, from usergroups.list); undefined
 * when Slack would not say, so the caller keeps the name it has.
 */
export async function groupHandle(client: WebClient, logger: Logger, groupId: string): Promise<string | undefined> {
  try {
    const answer = await client.usergroups.list({ include_disabled: true });
    const handle = answer.usergroups?.find((g) => g.id === groupId)?.handle;
    return handle ? `@${handle}` : undefined;
  } catch (error) {
    logger.warn({ err: error, group: groupId }, 'usergroups.list failed: the group keeps the name the modal gave');
    return undefined;
  }
}

/**
 * The workspace's enabled user groups for the set-up modal's select, by name. Undefined when Slack
 * would not say (a Free plan has no user groups: plan_upgrade_required), so the modal leaves the choice out.
 */
export async function listUserGroups(client: WebClient, logger: Logger): Promise<ApproverGroup[] | undefined> {
  try {
    const answer = await client.usergroups.list({ include_disabled: false });
    return (answer.usergroups ?? [])
      .filter((g): g is typeof g & { id: string } => Boolean(g.id) && !g.date_delete)
      .map((g) => ({ id: g.id, name: g.handle ? `${g.name ?? g.handle} (@${g.handle})` : (g.name ?? g.id) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    logger.warn({ err: error }, 'usergroups.list failed: the set-up offers named approvers only');
    return undefined;
  }
}
