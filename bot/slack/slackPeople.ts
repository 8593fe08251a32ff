import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../services/domain/identifiers';
import type { Logger } from '../logger';
import { LRUCache } from 'lru-cache';

/** Names change rarely; an hour keeps users.info (Tier 4) out of every click. */
const NAME_TTL_MS = 60 * 60 * 1000;
/** Slack wants an ack within 3 s: a slow lookup gives way to the name the payload already has. */
const LOOKUP_BUDGET_MS = 800;

/**
 * People as a rep knows them: their real name from users.info, cached, so the audit, the decided-by
 * lines and the set-up summary say "Anna Kowalska" where the payload only has the id or the legacy
 * username (`u0anna`). Who may act is still decided by the id alone.
 */
export class SlackPeople {
  /** 10,000 people at most (a name and a time each, ~150 B). */
  private readonly names = new LRUCache<string, { name?: string; until: number }>({ max: 10_000 });

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor of a Slack action, with the person's real name when Slack gives one in time. */
  async actor(client: WebClient, user: { id: string; name?: string; username?: string }): Promise<Actor> {
    return {
      platform: 'slack',
      userId: user.id,
      name: (await this.realName(client, user.id)) ?? user.name ?? user.username,
    };
  }

  async realName(client: WebClient, userId: string): Promise<string | undefined> {
    const cached = this.names.get(userId);
    if (cached && cached.until > this.now()) return cached.name;
    const name = await this.lookUp(client, userId);
    this.names.set(userId, { name, until: this.now() + NAME_TTL_MS });
    return name;
  }

  private async lookUp(client: WebClient, userId: string): Promise<string | undefined> {
    try {
      const answer = await Promise.race([
        client.users.info({ user: userId }),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOOKUP_BUDGET_MS).unref()),
      ]);
      const user = answer?.user;
      const name = user?.real_name || user?.profile?.real_name || user?.profile?.display_name;
      return name?.trim() || undefined;
    } catch (error) {
      this.logger.debug({ err: error, user: userId }, 'users.info failed: the id or username stands in for the name');
      return undefined;
    }
  }
}
