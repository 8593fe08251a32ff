import type { KnownBlock } from '@slack/types';
import type { Activity } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';

/**
 * A notice is stored as data (a renderer name and JSON parameters) and rendered at delivery time in
 * the recipient's language, so it can wait in a durable outbox and survive a restart.
 */
export interface Notice {
  /** The name a feature registered its renderer under (`verification.changed`, `invitation.received`). */
  renderer: string;
  params: Record<string, unknown>;
}

/**
 * `t` is a Teams translator (i18n/teamsMarkdown.ts): what it interpolates arrives escaped for Teams' markdown
 * (message text, TextBlocks, facts); a card's inputs and buttons take `plainTranslator(t)`.
 */
export type TeamsNoticeRenderer = (t: Translate, params: Record<string, unknown>) => Partial<Activity>;
/** `t` is a mrkdwn translator (i18n/slackMrkdwn.ts): what it interpolates arrives escaped for Slack. */
export type SlackNoticeRenderer = (
  t: Translate,
  params: Record<string, unknown>,
) => { text: string; blocks?: KnownBlock[] };

/**
 * Runs once a Slack notice has been posted, with where it landed, so a feature can find the message
 * again (to update it when a decision is made). A failure here is logged; the post is not repeated.
 */
export type SlackDeliveredHook = (
  params: Record<string, unknown>,
  posted: { channel: string; ts: string },
) => Promise<void>;

/**
 * Proactive messages to the people of both sides. Each call is idempotent on `dedupeKey`: the same
 * key (per recipient) is delivered once, however often it is enqueued, by however many instances.
 */
export interface Notifier {
  /**
   * Everyone of a reseller organisation (Teams tenant) who has talked to the assistant; but `except`,
   * the person who made it happen and already reads the outcome on the card they pressed (said once).
   */
  teamsTenant(tenantId: string, notice: Notice, dedupeKey: string, options?: { except?: string }): Promise<void>;
  /** One Teams user, where they last talked to the assistant. */
  teamsUser(tenantId: string, aadObjectId: string, notice: Notice, dedupeKey: string): Promise<void>;
  /** A Slack channel (a provider's approvals channel), in the channel's language (chosen in /csp setup). */
  slackChannel(channel: string, notice: Notice, dedupeKey: string): Promise<void>;
  /** One Slack user, in a direct message, in their language (their /csp language, else their Slack locale). */
  slackUser(teamId: string, userId: string, notice: Notice, dedupeKey: string): Promise<void>;
}
