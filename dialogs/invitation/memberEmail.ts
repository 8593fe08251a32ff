import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { reportedMember } from '../reportedMember';

/**
 * The address Teams itself reports for the user of this turn (their email, else their UPN), from
 * the conversation's member list: who the platform says the user is, never what a card carries.
 * Undefined when Teams does not say (an emulator, the Agents Playground, a connector error).
 */
export async function reportedEmail(context: TurnContext, logger: Logger): Promise<string | undefined> {
  const member = await reportedMember(context, logger);
  const address = member?.email || member?.userPrincipalName;
  return address && address.includes('@') ? address : undefined;
}
