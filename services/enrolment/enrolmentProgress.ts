import type { z } from 'zod';
import type { answerRecordSchema, PartnerDraft } from '../domain/partner';
import type { ReportedItems } from '../reauthorisation/reauthorisationRecords';
import { type EnrolmentReadiness, enrolmentReadiness, isAccountReady, isSubmitted } from '../rules';
import type { WebmailList } from '../rules/webmail';
import type { SeenRecord } from '../storage/atomicStore';
import type { AnswerStep } from './enrolmentAnswers';

/**
 * Where a reseller organisation's enrolment stands (E1–E7, M1–M5), as the cards show it: its draft,
 * what the rules say is ready or missing, the MPA's line, and who answered which step and when.
 */

export type AnswerRecord = z.infer<typeof answerRecordSchema>;

/**
 * Who answered which step and when, per reseller organisation: `PartnerDraft.answeredBy` now; a record of
 * its own (`enrolment:progress:<tenant>`) for drafts saved before, moved into the draft at their next save.
 */
export interface AnswerLog {
  answers: Partial<Record<AnswerStep | 'submit', AnswerRecord>>;
}

/**
 * The MPA as a line of the progress list (M1–M5): signed (Partner Center says so), reported (the
 * reseller ticked it, Partner Center does not show it yet), to sign, or not yet possible.
 */
export type MpaStepStatus = 'done' | 'reported' | 'missing' | 'waiting';

function mpaStepStatus(status: PartnerDraft['status']): MpaStepStatus {
  if (status.mpaSigned) return 'done';
  if (status.mpaReportedSigned) return 'reported';
  return isAccountReady(status) ? 'missing' : 'waiting';
}

export interface EnrolmentProgress {
  tenantId: string;
  draft: PartnerDraft;
  readiness: EnrolmentReadiness;
  mpa: MpaStepStatus;
  answers: AnswerLog['answers'];
  /** Everything E2 asks for is gathered and valid, and nothing was submitted yet. */
  canSubmit: boolean;
  submitted: boolean;
  /** E7: an already-enrolled CSP partner whose support details are in. */
  alreadyEnrolledDone: boolean;
  /** A1: the yearly items the reseller told us it has done (MFA, security contact, endorsement), when read. */
  reauthorisation?: ReportedItems;
  /** The record this progress was read from, with its version, for a save in the same turn. */
  seen?: { draft: SeenRecord<PartnerDraft> };
}

/**
 * The enrolment's progress from the draft and the answer log, by the readiness rules.
 *
 * The readiness (and what follows from it: `canSubmit`, E7's `alreadyEnrolledDone`) is worked out when first
 * read, once. A turn that saves an answer reads the progress only to start its compare-and-set from the
 * version it read and to tell a stale card; it shows the progress as saved. A step's own card shows the
 * draft. Worked out at once, the rules ran twice on a Save turn and once for nothing on the step card's
 * turn (issue 18, session 38). The getters are enumerable, so a copy or a deep comparison still sees them.
 */
export function progressOf(
  draft: PartnerDraft,
  answers: AnswerLog['answers'],
  webmail: WebmailList,
): EnrolmentProgress {
  let readiness: EnrolmentReadiness | undefined;
  const readinessNow = () => (readiness ??= enrolmentReadiness(draft, { webmail }));
  return {
    tenantId: draft.tenantId ?? draft.id,
    draft,
    get readiness() {
      return readinessNow();
    },
    mpa: mpaStepStatus(draft.status),
    answers,
    get canSubmit() {
      return readinessNow().steps.find((s) => s.id === 'submitted')?.status === 'missing';
    },
    submitted: isSubmitted(draft.status),
    get alreadyEnrolledDone() {
      return draft.status.cspEnrolled === true && readinessNow().decision.allowed;
    },
  };
}

/** A reseller organisation nobody has answered for yet: known only by its tenant. */
export function newDraft(tenantId: string): PartnerDraft {
  return {
    id: tenantId,
    kind: 'indirect-reseller',
    tenantId,
    affiliates: [],
    domains: [],
    status: { enrolment: 'not-started', verification: 'None', mpaSigned: false, onboardedInPartnerCenter: false },
  };
}

/** Where the answer log of an organisation was kept before it moved into the draft (`answeredBy`). */
export const answerLogKey = (tenantId: string) => `enrolment:progress:${tenantId}`;
