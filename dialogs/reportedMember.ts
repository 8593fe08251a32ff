import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { Logger } from 'pino';
import { turnLogger } from './turnLog';
import type { ReportedMember } from '../services/rules/memberDomain';

/**
 * What Teams itself reports of the user of this turn (TeamsInfo.getMember: their UPN, email, role and
 * tenant), from the conversation's member list: who the platform says the user is, never what a card
 * carries. Undefined when Teams does not say (an emulator, a connector error, someone not in the chat).
 */
export function reportedMember(context: TurnContext, logger: Logger): Promise<ReportedMember | undefined> {
  // Asked once a turn: the bot keeps the person's standing and a feature reads their domain from one answer.
  const asked = context.turnState.get<Promise<ReportedMember | undefined>>(ASKED);
  if (asked) return asked;
  const answer = askTeams(context, logger);
  context.turnState.set(ASKED, answer);
  return answer;
}

const ASKED = Symbol('reportedMember');

async function askTeams(context: TurnContext, logger: Logger): Promise<ReportedMember | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return {
      userPrincipalName: member?.userPrincipalName,
      email: member?.email,
      userRole: member?.userRole,
      tenantId: member?.tenantId,
    };
  } catch (error) {
    turnLogger(logger, context).debug(
      { err: error },
      'Teams did not say who the user is: going on without their account',
    );
    return undefined;
  }
}
