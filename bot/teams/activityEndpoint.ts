import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { DELIVERY_KEYS, type DeliveryLedger } from '../deliveryLedger';
import type { Logger } from '../logger';
import { requestFieldsOf, requestLogger } from '../observability/requestContext';
import { TURN_LOG_FIELDS } from '../../dialogs/turnLog';
import { EARLY_PRESS_CLAIM, type RepeatedSubmissions } from './repeatedSubmissions';
import type { TeamsAdapter } from './teamsAdapter';
import { setTurnCommit, type TurnCommit } from './turnCommit';

/**
 * Just enough of an activity to run a turn on; the adapter checks the rest. Without a serviceUrl there
 * is nowhere to answer, and botbuilder would wait on it forever.
 */
const activityShape = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  id: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

export interface ActivityEndpointDeps {
  adapter: TeamsAdapter;
  botLogic: (context: TurnContext) => Promise<void>;
  ledger: DeliveryLedger;
  logger: Logger;
  /**
   * The double-click guard, whose claim of a card press starts here (the bot's turn takes it up) and stands
   * for the delivery too: a press is not claimed in the ledger as well.
   */
  submissions?: RepeatedSubmissions;
  /**
   * Starts reading what the turn will read first (the conversation's state, ...) beside the delivery's
   * claim (the press's or the ledger's), and for a turn that commits once the press's record instead of
   * its claim; returns what drops the reads the turn did not take.
   */
  prefetch?: (activity: Activity, commitsOnce: boolean) => (() => void) | undefined;
  /** For a card press whose turn commits once (turnCommit.ts), its commit; otherwise nothing. */
  turnCommit?: (activity: Activity) => TurnCommit | undefined;
}

/**
 * `POST /api/messages`, guarded where the input enters: a body that is no activity is 400; a request that
 * cannot be authenticated, for whatever reason (a forged or missing token, Microsoft's login metadata
 * unreachable), is 401 with no internal text; an activity Teams re-sends (same id) runs once and gets the
 * first answer's status; a turn that throws is this request's 500, logged as JSON.
 */
export function activityEndpoint(deps: ActivityEndpointDeps) {
  const teamsLog = deps.logger.child({ component: 'teams' });
  return async (req: Request, res: Response): Promise<void> => {
    // Made only when a line is written: a child logger serialises its fields when it is made.
    const log = () => requestLogger(teamsLog, req);
    const parsed = activityShape.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'the body is not a Bot Framework activity' });
      return;
    }
    const activity = withDates(req.body as Activity);
    let authenticated;
    try {
      authenticated = await deps.adapter.authenticate(activity, req.header('authorization') ?? '');
    } catch (error) {
      log().warn({ reason: error instanceof Error ? error.name : 'unknown' }, 'activity refused: not authenticated');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const key = parsed.data.id ? DELIVERY_KEYS.teamsActivity(parsed.data.conversation.id, parsed.data.id) : undefined;
    // A turn that commits once claims its press in its commit; every other press is claimed here, at once.
    const commit = deps.turnCommit?.(activity);
    const pressClaim = commit ? undefined : deps.submissions?.begin(activity);
    const dropPrefetch = deps.prefetch?.(activity, commit !== undefined);
    const claim = key && !pressClaim && !commit ? await deps.ledger.claim(key) : undefined;
    if (claim && !claim.first) {
      dropPrefetch?.();
      log().info({ activityId: parsed.data.id }, 'activity delivered again: answered once already');
      res.send(claim.status ?? 200);
      return;
    }
    let status = 500;
    try {
      const fields = requestFieldsOf(req);
      const run = (once?: TurnCommit) =>
        deps.adapter.runAuthenticated(authenticated, activity, (context) => {
          // A line about this turn names this request (dialogs/turnLog.ts), the turn's failure included.
          if (fields) context.turnState.set(TURN_LOG_FIELDS, fields);
          if (pressClaim) context.turnState.set(EARLY_PRESS_CLAIM, pressClaim);
          if (once) setTurnCommit(context, once);
          return deps.botLogic(context);
        });
      let invokeResponse = await run(commit);
      // Its commit did not land, so nothing of it happened: again, claiming the press first and saving as it goes.
      if (commit?.runAgain) invokeResponse = await run();
      status = invokeResponse?.status ?? 200;
      if (invokeResponse?.body !== undefined) res.send(status, invokeResponse.body);
      else res.send(status);
    } catch (error) {
      log().error({ err: error, activityId: parsed.data.id }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      dropPrefetch?.();
      // The turn took up the press's claim; one it never reached (it failed before) is given back.
      await pressClaim?.release();
      if (key) await deps.ledger.settle(key, claim, status);
    }
  };
}

/**
 * What `CloudAdapter.process` does to a body before its turn (botbuilder's `validateAndFixActivity`, not
 * exported): the wire's ISO strings become Dates, the originals kept as `raw*`.
 */
function withDates(activity: Activity): Activity {
  const wire = activity as unknown as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ]) {
    if (typeof wire[field] === 'string') {
      wire[raw] = wire[field];
      wire[field] = new Date(wire[field] as string);
    }
  }
  return activity;
}
