import type { StepFeedback } from '../../cards/teams/enrolmentCards';
import type { Translate } from '../../i18n/i18n';
import { keysFor } from '../../i18n/readers';
import type { AnswerStep, Problem } from '../../services/enrolment/enrolmentAnswers';
import type { Refusal } from '../../services/enrolment/enrolmentService';
import { placeOfNotice, placeOfViolation, type ReasonPlace } from '../../services/enrolment/reasonPlaces';
import type { Violation } from '../../services/rules';

/** A refused answer as the service gave it: fields the schema refused, or what the rules refused. */
export type RefusedAnswer = { outcome: 'invalid'; problems: Problem[]; violations: Violation[] } | Refusal;

/**
 * Every reason a step's answer was refused, each put where the person will look for it: under the
 * field it is about, or above the inputs; an answer that contradicts an earlier step names that step.
 */
export function feedbackOf(
  t: Translate,
  step: AnswerStep,
  result: RefusedAnswer,
  typed: Record<string, unknown>,
): StepFeedback {
  const feedback: StepFeedback = { reasons: [], fieldReasons: {}, earlierSteps: [], typed };
  const place = (text: string, where: ReasonPlace) => {
    if (where.field && where.field in typed) {
      const under = (feedback.fieldReasons[where.field] ??= []);
      if (!under.includes(text)) under.push(text);
    } else if (!feedback.reasons.includes(text)) {
      feedback.reasons.push(text);
    }
    if (where.earlierStep && !feedback.earlierSteps.includes(where.earlierStep)) {
      feedback.earlierSteps.push(where.earlierStep);
      feedback.reasons.push(t('enrolment:feedback.contradicts', { step: t(`enrolment:choice.${where.earlierStep}`) }));
    }
  };

  if (result.outcome === 'invalid') {
    for (const p of result.problems) {
      const problem = t(p.key);
      // A field the card does not have (a forged or outdated submission) is named above the inputs.
      const line =
        p.field in typed ? problem : t('enrolment:invalid.line', { field: t(`enrolment:field.${p.field}`), problem });
      place(line, { field: p.field });
    }
  }
  for (const v of result.violations)
    place(t(keysFor(`rules:violation.${v.code}`, 'reseller'), v.facts), placeOfViolation(step, v.code));
  if (result.outcome === 'refused') {
    for (const o of result.options) place(t(keysFor(`rules:option.${o.code}`, 'reseller')), {});
    for (const n of result.notices) place(t(n.key, n.params), placeOfNotice(step, n.key));
  }

  if (Object.keys(feedback.fieldReasons).length > 0) feedback.reasons.unshift(t('enrolment:feedback.marked'));
  else if (result.outcome === 'invalid') feedback.reasons.unshift(t('enrolment:invalid.intro'));
  return feedback;
}
