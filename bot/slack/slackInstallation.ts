import { createHash } from 'node:crypto';
import type { AtomicStore } from '../../services/storage/atomicStore';

export interface Revocation {
  teamId: string;
  /** `app_uninstalled` or `tokens_revoked`. */
  event: string;
  at: string;
}

/**
 * Whether Slack still lets this bot token post. Slack's `app_uninstalled` and `tokens_revoked` end it for
 * good: the record is keyed by a fingerprint of the token, so reinstalling the app (a new token in
 * SLACK_BOT_TOKEN) starts afresh while the old token is never used again, on any instance.
 */
export class SlackInstallation {
  private readonly key: string;
  private revoked = false;

  constructor(
    private readonly records: AtomicStore,
    botToken: string,
  ) {
    this.key = `slack:revoked:${createHash('sha256').update(botToken).digest('hex').slice(0, 24)}`;
  }

  /** Records the revocation; true for the first report of it (Slack retries, two instances hear it). */
  async revoke(revocation: Revocation): Promise<boolean> {
    this.revoked = true;
    return (await this.records.compareAndSet(this.key, undefined, revocation)) !== undefined;
  }

  /** Read from the store until seen once: a revocation heard by another instance counts here too. */
  async isRevoked(): Promise<boolean> {
    if (!this.revoked) this.revoked = (await this.records.read(this.key)) !== undefined;
    return this.revoked;
  }
}
