/**
 * `requests` in Teams: the reseller's own customer requests still waiting for a distributor, each with its
 * age and NCE1's window, so it need not ask the distributor where a request stands.
 */
import { waitingRequestsCard } from '../../cards/teams/waitingRequestsCard';
import type { CustomerRequests } from '../../services/customers/customerRequests';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import type { TeamsCommand } from '../teamsTurn';

export interface WaitingRequestsDeps {
  requests: Pick<CustomerRequests, 'waitingFor'>;
  partnerships: Pick<PartnershipService, 'getProviderById'>;
  now?: () => Date;
}

export function waitingRequestsCommand(deps: WaitingRequestsDeps): TeamsCommand {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'requests',
    descriptionKey: 'customers:teams.commands.requests',
    wordKey: 'customers:teams.words.requests',
    // Typed without Polish or Swedish letters, as people often do.
    aliases: ['prosby', 'forfragningar'],
    run: async ({ context, t, identity }) => {
      const waiting = await deps.requests.waitingFor(identity.tenantId);
      if (waiting.length === 0) {
        await context.sendActivity(
          t('customers:teams.waiting.none', { customers: t('customers:teams.words.customers') }),
        );
        return;
      }
      const names = new Map<string, string>();
      for (const providerId of new Set(waiting.map((r) => r.providerId))) {
        const provider = await deps.partnerships.getProviderById(providerId);
        names.set(providerId, provider?.partner.legalName ?? providerId);
      }
      const card = waitingRequestsCard(t, waiting, (id) => names.get(id) ?? id, now());
      await context.sendActivity({ attachments: [card] });
    },
  };
}
