import type { Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { plainTranslator } from '../../i18n/teamsMarkdown';
import { utcDay } from '../../i18n/format';
import { ANSWER_STEPS, type AnswerStep, requiredFields } from '../../services/enrolment/enrolmentAnswers';
import type { PartnerDraft } from '../../services/domain/partner';
import { type EnrolmentProgress, newDraft } from '../../services/enrolment/enrolmentService';
import { answeredAt } from '../../services/enrolment/staleAnswers';
import { REPORTED_ITEMS } from '../../services/rules/reauthorisationRules';
import { cardAttachment } from '../renderCard';
import { cardPart } from './enrolmentCardParts';

export interface EnrolmentProgressCardData {
  title: string;
  intro: string;
  notices: string[];
  rows: string[];
  answeredTitle: string;
  answered: string[];
  chooseTitle: string;
  choices: Array<{ title: string; step: AnswerStep }>;
  canSubmit: boolean;
  submitTitle: string;
  /** A1: the button that opens the yearly items' card, once enrolled; empty before. */
  reauthorisationTitle: string;
}

export interface EnrolmentStepField {
  id: string;
  kind: 'text' | 'toggle';
  label: string;
  placeholder: string;
  value: string;
  /** Teams refuses to send the card with this input empty, and says `errorMessage`. */
  required: boolean;
  errorMessage: string;
  /** Why the value last sent was refused, shown under the input. */
  errors: string[];
}

export interface EnrolmentStepCardData {
  step: AnswerStep;
  /** When this step was last answered, as the card was made (stale cards are told apart by it). */
  asked: string;
  title: string;
  explanation: string[];
  reasons: string[];
  /** Earlier steps the refused answer contradicts, each a button that opens it. */
  earlier: Array<{ title: string; step: AnswerStep }>;
  fields: EnrolmentStepField[];
  submitTitle: string;
  backTitle: string;
}

/** What a step card shows after a refused answer: the reasons, where they belong, and what was typed. */
export interface StepFeedback {
  /** Reasons about the whole step, above the inputs. */
  reasons: string[];
  /** Reasons about one input, by its id, shown under it. */
  fieldReasons: Record<string, string[]>;
  earlierSteps: AnswerStep[];
  /** The values sent, by input id, shown again in place of the saved ones. */
  typed: Record<string, unknown>;
}

export interface EnrolmentSubmittedCardData {
  title: string;
  intro: string;
  next: string[];
  hint: string;
  statusTitle: string;
}

const MARKS = { done: '✅', missing: '⬜', waiting: '⏳', 'not-needed': '➖', reported: '🕓' } as const;

/** The order the progress card offers the steps in (the service's step order; E7's shortcut last). */
const CHOICES: readonly AnswerStep[] = ANSWER_STEPS;

/** Each prerequisite done or missing with its rule, who answered what, and the steps to pick. */
export function enrolmentProgressCard(t: Translate, progress: EnrolmentProgress, notices: string[] = []): Attachment {
  const rows = progress.readiness.steps.map((s) =>
    cardPart(t, `row:${s.id}:${s.status}:${s.rule}`, () =>
      t('enrolment:progress.row', {
        mark: MARKS[s.status],
        label: t(`rules:prerequisite.${s.id}`),
        status: t(`rules:prerequisite-status.${s.status}`),
        rule: s.rule,
      }),
    ),
  );
  rows.push(
    cardPart(t, `mpa:${progress.mpa}`, () =>
      t('enrolment:progress.row', {
        mark: MARKS[progress.mpa],
        label: t('enrolment:progress.mpa'),
        // M4: a tick is what the reseller told us, shown as such until Partner Center says it is signed.
        status:
          progress.mpa === 'reported'
            ? t('enrolment:progress.mpaReported')
            : t(`rules:prerequisite-status.${progress.mpa}`),
        rule: 'M1',
      }),
    ),
  );
  const enrolled = progress.submitted || progress.alreadyEnrolledDone;
  if (enrolled && progress.reauthorisation) rows.push(...reauthorisationRows(t, progress.reauthorisation));
  const answered = Object.entries(progress.answers).map(([step, record]) =>
    t('enrolment:progress.answeredBy', {
      step: t(`enrolment:choice.${step}`),
      name: record?.name ?? t('enrolment:progress.someone'),
      date: utcDay(record?.at ?? ''),
    }),
  );
  const intro = progress.alreadyEnrolledDone
    ? t('enrolment:progress.alreadyEnrolledDone')
    : progress.submitted
      ? t('enrolment:progress.submittedIntro')
      : progress.canSubmit
        ? t('enrolment:progress.readyIntro')
        : t('enrolment:progress.intro');
  const choices = CHOICES.filter((step) => !progress.submitted || step === 'admin-agent' || step === 'mpa');
  const data: EnrolmentProgressCardData = {
    title: t('enrolment:progress.title'),
    intro,
    notices,
    rows,
    answeredTitle: t('enrolment:progress.answeredTitle'),
    answered,
    chooseTitle: t('enrolment:progress.chooseTitle'),
    choices: choices.map((step) => ({ step, title: t(`enrolment:choice.${step}`) })),
    canSubmit: progress.canSubmit,
    submitTitle: t('enrolment:progress.submit'),
    reauthorisationTitle: enrolled ? t('reauthorisation:card.title') : '',
  };
  return cardAttachment('enrolmentProgress', data);
}

/**
 * A1's items only the reseller can vouch for (API1), as checklist rows: what it told us and when, or
 * still to do. They are yearly, so they show once the reseller is enrolled.
 */
function reauthorisationRows(t: Translate, reported: NonNullable<EnrolmentProgress['reauthorisation']>): string[] {
  return REPORTED_ITEMS.map((id) =>
    t('enrolment:progress.row', {
      mark: reported[id] ? MARKS.done : MARKS.missing,
      label: t(`reauthorisation:item.${id}`),
      status: reported[id]
        ? t('reauthorisation:source.reseller-told', { at: reported[id].at })
        : t('rules:prerequisite-status.missing'),
      rule: 'A1',
    }),
  );
}

/** The inputs each step asks for, pre-filled with what the organisation already answered. */
function fieldsOf(step: AnswerStep, d: PartnerDraft): Array<Pick<EnrolmentStepField, 'id' | 'kind' | 'value'>> {
  const text = (id: string, value?: string) => ({ id, kind: 'text' as const, value: value ?? '' });
  const toggle = (id: string, value?: boolean) => ({ id, kind: 'toggle' as const, value: String(value === true) });
  switch (step) {
    case 'work-account':
      return [
        toggle('hasWorkAccount', d.status.globalAdminConfirmed),
        toggle('globalAdmin', d.status.globalAdminConfirmed),
      ];
    case 'mpn-id':
      return [text('mpnId', d.mpnId)];
    case 'legal-business-profile':
      return [
        text('legalName', d.legalName),
        text('line1', d.address?.line1),
        text('line2', d.address?.line2),
        text('city', d.address?.city),
        text('postalCode', d.address?.postalCode),
        text('country', d.country ?? d.address?.country),
      ];
    case 'primary-contact':
      return [
        text('contactName', d.primaryContact?.name),
        text('contactEmail', d.primaryContact?.email),
        text('contactPhone', d.primaryContact?.phone),
      ];
    case 'already-enrolled':
      return [
        text('mpnId', d.mpnId),
        text('country', d.country ?? d.address?.country),
        text('supportEmail', d.supportContact?.email),
        text('supportPhone', d.supportContact?.phone),
        text('supportUrl', d.supportContact?.url),
      ];
    case 'support-contact':
      return [
        text('supportEmail', d.supportContact?.email),
        text('supportPhone', d.supportContact?.phone),
        text('supportUrl', d.supportContact?.url),
      ];
    case 'admin-agent':
      return [toggle('adminAgent', d.status.adminAgentAssigned)];
    case 'mpa':
      return [toggle('mpaSigned', d.status.mpaSigned || d.status.mpaReportedSigned)];
  }
}

/**
 * One step of the checklist: why it is asked, what it unlocks and, after a refused answer, every value
 * the person typed with each reason under its input, so one bad field never costs retyping the others.
 */
export function enrolmentStepCard(
  t: Translate,
  step: AnswerStep,
  progress: EnrolmentProgress,
  feedback: Partial<StepFeedback> = {},
): Attachment {
  const typed = feedback.typed ?? {};
  const texts = cardPart(t, `step:${step}`, () => stepTexts(t, step));
  const data: EnrolmentStepCardData = {
    step,
    asked: answeredAt(progress, step),
    title: texts.title,
    explanation: texts.explanation,
    reasons: feedback.reasons ?? [],
    earlier: (feedback.earlierSteps ?? []).map((earlier) => ({
      step: earlier,
      // A button's title shows its text as it is.
      title: plainTranslator(t)('enrolment:feedback.openEarlier', { step: t(`enrolment:choice.${earlier}`) }),
    })),
    fields: fieldsOf(step, progress.draft).map((f) => {
      const sent = typed[f.id];
      return {
        ...f,
        ...texts.fields[f.id],
        value: typeof sent === 'string' ? sent : f.value,
        errors: feedback.fieldReasons?.[f.id] ?? [],
      };
    }),
    submitTitle: texts.submitTitle,
    backTitle: texts.backTitle,
  };
  return cardAttachment('enrolmentStep', data);
}

type FieldTexts = Pick<EnrolmentStepField, 'label' | 'placeholder' | 'required' | 'errorMessage'>;

/** What a step card says whoever answers: its title, why it is asked, each input's label and hints. */
function stepTexts(t: Translate, step: AnswerStep) {
  const required = requiredFields(step);
  const fields: Record<string, FieldTexts> = {};
  // Which inputs a step has does not depend on the draft, only their values do.
  for (const { id, kind } of fieldsOf(step, newDraft(''))) {
    const isText = kind === 'text';
    fields[id] = {
      label: t(`enrolment:step.${step}.field.${id}`),
      placeholder: isText ? t(`enrolment:step.${step}.placeholder.${id}`, { defaultValue: '' }) : '',
      required: isText && required.has(id),
      errorMessage: isText && required.has(id) ? t(`enrolment:invalid.${id}`) : '',
    };
  }
  return {
    title: t(`enrolment:step.${step}.title`),
    explanation: t(`enrolment:step.${step}.explanation`, { returnObjects: true }) as string[],
    fields,
    submitTitle: t('enrolment:step.save'),
    backTitle: t('enrolment:step.back'),
  };
}

/** E5: what happens after submission. */
export function enrolmentSubmittedCard(t: Translate, primaryContactEmail: string): Attachment {
  const data: EnrolmentSubmittedCardData = {
    title: t('enrolment:submitted.title'),
    intro: t('enrolment:submitted.intro'),
    next: t('enrolment:submitted.next', { returnObjects: true, email: primaryContactEmail }) as string[],
    hint: t('enrolment:submitted.hint'),
    statusTitle: t('enrolment:submitted.statusButton'),
  };
  return cardAttachment('enrolmentSubmitted', data);
}
