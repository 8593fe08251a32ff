import { decisionMessages } from '../../services/partnerships/messages';
import { mayBuyFromMicrosoftDirectly } from '../../services/rules/chainRules';
import type { FeatureFactory } from './feature';

/**
 * Questions about the program itself that resellers ask in Teams: `direct`, why they cannot buy
 * from Microsoft directly (T2) and what a direct-bill partner must be able to do (T3).
 */
export const programFeature: FeatureFactory = (deps) => ({
  name: 'program',
  teams: {
    commands: [
      {
        name: 'direct',
        descriptionKey: 'partnerships:teams.commands.direct',
        wordKey: 'partnerships:teams.words.direct',
        aliases: ['bezposrednio'],
        run: async ({ context, t, identity }) => {
          // Whoever asks in Teams is a reseller unless the directory knows the organisation as another kind.
          const kind = (await deps.partners.get(identity.tenantId))?.kind ?? 'indirect-reseller';
          const answer = decisionMessages(mayBuyFromMicrosoftDirectly(kind)).map((m) => t(m.key, m.params));
          await context.sendActivity(answer.join('\n\n'));
        },
      },
    ],
  },
});
