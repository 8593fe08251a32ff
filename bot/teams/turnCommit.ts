import type { TurnContext } from 'botbuilder';
import type { AtomicStore } from '../../services/storage/atomicStore';
import { UnitOfWork } from '../../services/storage/unitOfWork';

/**
 * A card press whose turn changes nothing but the store and answers with replies (a command's
 * `commitsOnce`, dialogs/teamsTurn.ts) commits once (issue 18: one compare-and-set a step turn, where it
 * was the press's claim before the turn, the organisation's draft during it and the conversation's state
 * after it, each a write of its own). Its turn:
 *
 * - claims nothing first: it reads the person's press record with its other first reads (firstReads.ts)
 *   and is dropped there when the press repeats one (a double click, a delivery answered already);
 * - stages what it saves (the draft) in its unit of work, and its state and its press's claim at its end;
 * - holds its replies, and sends them once the one `commitAll` has landed.
 *
 * When the commit does not land, a record it read has moved on (a colleague saved the same draft, the
 * same press clicked twice and answered by the other click): nothing of the turn happened, its replies
 * are dropped, and the endpoint runs it again the ordinary way, which claims the press first (and so drops
 * a double click) and saves as it goes. A process that stops before the commit leaves nothing behind, and
 * Teams sends the press again; one that stops after it, before the replies went out, leaves a press
 * answered by an instance that has stopped, which runs again when Teams sends it again: such a turn only
 * shows a card or saves the same answer again, so running it twice changes nothing.
 */
export class TurnCommit {
  readonly unit = new UnitOfWork();
  /** The commit did not land: the turn is to run again, the ordinary way. */
  runAgain = false;

  constructor(private readonly records: AtomicStore) {}

  /** Writes what the turn staged; false (and `runAgain`) when a record had moved on. */
  async land(): Promise<boolean> {
    const landed = await this.unit.commit(this.records);
    this.runAgain = !landed;
    return landed;
  }
}

const TURN_COMMIT = Symbol('the commit of a turn that commits once');

export function setTurnCommit(context: TurnContext, commit: TurnCommit): void {
  context.turnState.set(TURN_COMMIT, commit);
}

export function turnCommitOf(context: TurnContext): TurnCommit | undefined {
  return context.turnState.get(TURN_COMMIT) as TurnCommit | undefined;
}

/** A turn's replies (sent, updated or deleted activities), held until `release` sends them in order. */
export interface HeldReplies {
  release(): Promise<void>;
  /** Drops what is held; what the turn sends from now on goes out at once (an apology for a failure). */
  discard(): void;
}

/**
 * Holds what `context` sends from now on. Nothing of the product reads the ids Teams gives a reply, so a
 * held one answers with an empty id, as a channel that gives none does.
 */
export function holdReplies(context: TurnContext): HeldReplies {
  const held: Array<() => Promise<unknown>> = [];
  let holding = true;
  context.onSendActivities(async (_context, activities, next) => {
    if (!holding) return next();
    held.push(next);
    return activities.map(() => ({ id: '' }));
  });
  context.onUpdateActivity(async (_context, _activity, next) => {
    if (!holding) return next();
    held.push(next);
  });
  context.onDeleteActivity(async (_context, _reference, next) => {
    if (!holding) return next();
    held.push(next);
  });
  return {
    async release() {
      holding = false;
      for (const send of held.splice(0)) await send();
    },
    discard() {
      holding = false;
      held.length = 0;
    },
  };
}
