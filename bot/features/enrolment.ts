import { enrolmentProgressCard } from '../../cards/teams/enrolmentCards';
import { statusCard } from '../../cards/teams/statusCard';
import { ENROLMENT_DIALOG, EnrolmentDialog, type EnrolmentOptions } from '../../dialogs/enrolment/enrolmentDialog';
import { type EnrolmentPayload, enrolmentPayload } from '../../dialogs/enrolment/enrolmentSubmission';
import { teamsTranslatorFor } from '../../i18n/teamsMarkdown';
import { keysFor } from '../../i18n/readers';
import { VerificationStatusService } from '../../services/enrolment/verificationStatus';
import { reportedMember } from '../../dialogs/reportedMember';
import { enrolmentServiceFor } from './enrolmentServiceFor';
import type { FeatureFactory } from './feature';
import { verbOnlyPayload } from '../../dialogs/cardSubmission';
import { cardCommand, type TeamsCommand, type TeamsTurn } from '../../dialogs/teamsTurn';

/**
 * The reseller's enrolment journey in Teams: `enroll` / `continue` open the checklist stored for the
 * organisation (the Teams tenant), `status` reports Microsoft's verification and the MPA.
 */
export const enrolmentFeature: FeatureFactory = (deps) => {
  const service = enrolmentServiceFor(deps);
  const verification = new VerificationStatusService({
    partnerCenter: deps.partnerCenter,
    partners: deps.partners,
    distributorTenantId: deps.distributorTenantId,
    answers: async (tenantId) => (await service.progress(tenantId)).answers,
  });
  const dialog = new EnrolmentDialog({
    service,
    translate: async (context) => teamsTranslatorFor((await deps.language.get(context)) ?? context.activity.locale),
    memberOf: (context) => reportedMember(context, deps.logger),
  });

  const openChecklist = async ({ dialogs, payload }: TeamsTurn<EnrolmentPayload>) => {
    // A progress card's button pressed when no checklist was running goes straight to its step.
    const options: EnrolmentOptions = payload?.step ? { step: payload.step } : {};
    await dialogs.beginDialog(ENROLMENT_DIALOG, options);
  };

  // The checklist's presses show a card or save an answer (E2-E4, E7: the lookups they make at Partner
  // Center and of the person's account only read); sending the enrolment (E5) writes at Partner Center.
  const commitsOnce = (data: unknown) => (data as { step?: unknown } | undefined)?.step !== 'submit';

  const commands: TeamsCommand[] = [
    cardCommand({
      name: 'enroll',
      descriptionKey: 'enrolment:commands.enroll',
      wordKey: 'enrolment:words.enroll',
      aliases: ['enrol'],
      continues: ENROLMENT_DIALOG,
      payload: enrolmentPayload,
      commitsOnce,
      run: openChecklist,
    }),
    cardCommand({
      name: 'continue',
      descriptionKey: 'enrolment:commands.continue',
      wordKey: 'enrolment:words.continue',
      aliases: ['fortsatt'],
      continues: ENROLMENT_DIALOG,
      payload: enrolmentPayload,
      commitsOnce,
      run: openChecklist,
    }),
    {
      name: 'status',
      descriptionKey: 'enrolment:commands.status',
      wordKey: 'enrolment:words.status',
      payload: verbOnlyPayload,
      run: async ({ context, t, identity }) => {
        const report = await verification.report(identity.tenantId);
        if (!report.enrolled) {
          const progress = await service.progress(identity.tenantId);
          // M5: an MPN membership is not a CSP enrolment; the rule says what to do first.
          const why = report.blockedBy.map((v) => t(keysFor(`rules:violation.${v.code}`, 'reseller'), v.facts));
          await context.sendActivity([t('enrolment:status.notEnrolled'), ...why].join('\n\n'));
          if (progress.draft.status.enrolment === 'in-progress') {
            await context.sendActivity({ attachments: [enrolmentProgressCard(t, progress)] });
          }
          return;
        }
        await context.sendActivity({ attachments: [statusCard(t, report)] });
      },
    },
  ];

  return { name: 'enrolment', teams: { commands, dialogs: [dialog] } };
};
