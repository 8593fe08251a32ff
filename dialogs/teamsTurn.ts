import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import type { ZodType } from 'zod';
import type { Translate } from '../i18n/i18n';
import type { Actor } from '../services/domain/identifiers';
import type { Requester } from '../services/domain/request';

/**
 * The shape of a Teams turn as the dialogs and card flows see it: who acts, the command or card that
 * started it, and what a slice contributes. It sits in dialogs/ so the dialogs and the bot that routes
 * to them share it without dialogs/ importing bot/ (issue 14: bot → dialogs → cards → services).
 */

/** Who the platform says the user is: never taken from a card or button payload. */
export interface TeamsIdentity {
  tenantId: string;
  aadObjectId: string;
  name?: string;
}

/**
 * Who is acting on this turn, from the activity the channel signed: the tenant from the conversation
 * (or the channel data of older clients) and the person's Entra object id.
 */
export function identityOf(context: TurnContext): TeamsIdentity {
  const activity = context.activity;
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    tenantId: activity.conversation?.tenantId ?? channelTenant ?? 'no-tenant',
    aadObjectId: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown-user',
    name: activity.from?.name,
  };
}

/** Who is acting, as the services record it (audit lines, decidedBy): the one place a Teams actor is built. */
export function actorOf(identity: TeamsIdentity): Actor {
  return { platform: 'teams', userId: identity.aadObjectId, name: identity.name };
}

/** The actor within their organisation: who asks for a customer (C3) or answers enrolment (E1). */
export function requesterOf(identity: TeamsIdentity): Requester {
  return { ...actorOf(identity), tenantId: identity.tenantId };
}

export interface TeamsTurn<P = unknown> {
  context: TurnContext;
  dialogs: DialogContext;
  t: Translate;
  identity: TeamsIdentity;
  /** What follows the command word (`enroll resume` → `resume`). */
  args: string;
  /** The card submission as the command's `payload` schema parsed it; undefined when the command was typed. */
  payload?: P;
}

export interface TeamsCommand<P = unknown> {
  /** The word a user types (`help`), also accepted as the `verb` of a card's Action.Submit. */
  name: string;
  /** Catalog key of the one-line description shown on the help card. */
  descriptionKey: string;
  /**
   * Catalog key of the command word(s) in the user's language (`pomoc`), shown on the help card. The
   * words of every language are accepted as aliases, so a command works in any of them.
   */
  wordKey?: string;
  /** Extra words that run the same command in every language (spellings without diacritics, `?`). */
  aliases?: string[];
  /**
   * The dialog whose open instance receives this command's turns (the checklist's own buttons). Every
   * other command answers while a dialog is open, and the dialog waits for its next turn.
   */
  continues?: string;
  /** Hidden commands work but are not listed on the help card. */
  hidden?: boolean;
  /**
   * What an Action.Submit with this verb may carry (zod), checked by the bot before anything runs. A
   * command without one does not accept card submissions; Adaptive Card inputs send strings, so a
   * schema refuses unknown keys or anything that is not a string.
   */
  payload?: ZodType<P>;
  /**
   * Whether a card press with this data (as sent, before its schema) changes nothing but the store and
   * answers only with replies: no call that writes outside (Partner Center, Graph, Slack), no notice to
   * anyone else. Such a turn stages what it saves and commits it with its state and its press's claim in
   * one write at its end, its replies held until then; one that raced another is run again the ordinary
   * way (bot/teams/turnCommit.ts, issue 18). Left out: every turn of the command writes as it goes.
   */
  commitsOnce?(data: unknown): boolean;
  run(turn: TeamsTurn<P>): Promise<void>;
}

/** A command whose card submission is typed by its schema (`payload` in `run` is the parsed data). */
export function cardCommand<P>(command: TeamsCommand<P>): TeamsCommand {
  return command as TeamsCommand;
}

/** An `Action.Execute` verb (Adaptive Card universal actions), answered with a refreshed card. */
export interface TeamsCardAction {
  verb: string;
  /** What the action's `data` may carry (zod), checked before `run`; required, as for Action.Submit. */
  payload: ZodType;
  run(turn: Omit<TeamsTurn, 'args' | 'payload'>, data: unknown): Promise<AdaptiveCardInvokeResponse>;
}

/** What a slice of the product (enrolment, partnerships, customers, ...) contributes to Teams. */
export interface TeamsFeature {
  commands?: TeamsCommand[];
  dialogs?: Dialog[];
  cardActions?: TeamsCardAction[];
  /**
   * A person heard from in a conversation new to them (their first turn with the assistant), or for the
   * first time by this process (a restart, another instance), after their turn is answered: what already
   * waits for them can be told now, proactively, instead of when they ask. It may run more than once for
   * a person, so what it sends carries a notice key that delivers it once.
   */
  met?: (context: TurnContext, identity: TeamsIdentity) => Promise<void>;
}
