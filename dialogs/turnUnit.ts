import type { TurnContext } from 'botbuilder';
import type { UnitOfWork } from '../services/storage/unitOfWork';

/**
 * Where a turn that commits once keeps its unit of work (bot/teams/turnCommit.ts): a dialog hands it to
 * the service whose save should land with the turn's state, in the turn's one commit (issue 18). Absent on
 * every other turn, whose saves land at once.
 */
const TURN_UNIT = Symbol('the unit of work of a turn that commits once');

export function setTurnUnit(context: TurnContext, unit: UnitOfWork): void {
  context.turnState.set(TURN_UNIT, unit);
}

export function turnUnitOf(context: TurnContext): UnitOfWork | undefined {
  return context.turnState.get(TURN_UNIT) as UnitOfWork | undefined;
}
