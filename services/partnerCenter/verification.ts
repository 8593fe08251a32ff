import type { VettingStatus, VettingSubStatus } from './gateway';

/**
 * The sandbox's verification walk (E5; DOMAIN.md: email ownership, employment, business, then a
 * decision), as pure functions of a stored record and the time.
 *
 * Why derived rather than driven by a timer: the state is a function of timestamps kept in the
 * store, so it needs no background job, survives a restart, and every reader (another bot
 * instance, a status poller) computes the same answer. A poller notices a change by comparing what
 * `getLegalBusinessProfile` returns with what it last saw; no event hook is needed.
 */

export interface VettingState {
  status: VettingStatus;
  subStatus: VettingSubStatus;
}

export interface VettingRecord {
  /** Index into the walk at `anchorAt`; the clock moves one stage per step from there. */
  anchorStage: number;
  /** Epoch milliseconds. */
  anchorAt: number;
  /** Where the walk ends: Authorized, or Rejected at the step that failed. */
  outcome: VettingState;
  /** Set by an operator to a state off the walk: the clock stops there until advanced. */
  held?: VettingState;
}

const PENDING_STAGES: VettingSubStatus[] = [
  'EmailOwnership',
  'EmploymentVerification',
  'BusinessVerification',
  'Decision',
];
const FINAL_STAGE = PENDING_STAGES.length;

export const AUTHORIZED: VettingState = { status: 'Authorized', subStatus: 'None' };

/**
 * Where the walk resumes when an operator advances a held state: the step after the one held.
 * EmailDomain sits with the email checks; Other is a manual review, followed by the decision.
 */
const RESUME_AFTER: Record<VettingSubStatus, number> = {
  None: 0,
  Entry: 0,
  EmailOwnership: 1,
  EmailDomain: 1,
  EmploymentVerification: 2,
  BusinessVerification: 3,
  Other: 3,
  Decision: FINAL_STAGE,
};

export function startVetting(now: number, outcome: VettingState = AUTHORIZED): VettingRecord {
  return { anchorStage: 0, anchorAt: now, outcome };
}

export function completedVetting(now: number, outcome: VettingState = AUTHORIZED): VettingRecord {
  return { anchorStage: FINAL_STAGE, anchorAt: now, outcome };
}

function stageIndex(record: VettingRecord, now: number, stepMs: number): number {
  const elapsedSteps = Math.max(0, Math.floor((now - record.anchorAt) / stepMs));
  return Math.min(FINAL_STAGE, record.anchorStage + elapsedSteps);
}

function stageState(record: VettingRecord, index: number): VettingState {
  return index >= FINAL_STAGE ? record.outcome : { status: 'Pending', subStatus: PENDING_STAGES[index] };
}

export function currentVetting(record: VettingRecord, now: number, stepMs: number): VettingState {
  return record.held ?? stageState(record, stageIndex(record, now, stepMs));
}

/** One step on, and the clock restarts from there; a decided verification stays decided. */
export function advanceVetting(record: VettingRecord, now: number, stepMs: number): VettingRecord {
  if (record.held) {
    if (record.held.status === 'Authorized' || record.held.status === 'Rejected') return record;
    const resumeAt = record.held.status === 'None' ? 0 : RESUME_AFTER[record.held.subStatus];
    return { anchorStage: resumeAt, anchorAt: now, outcome: record.outcome };
  }
  const index = stageIndex(record, now, stepMs);
  if (index >= FINAL_STAGE) return record;
  return { ...record, anchorStage: index + 1, anchorAt: now };
}

/** A Pending state on the walk keeps the clock running from there; anything else is held as set. */
export function setVetting(record: VettingRecord, state: VettingState, now: number): VettingRecord {
  const onWalk = state.status === 'Pending' ? PENDING_STAGES.indexOf(state.subStatus) : -1;
  if (onWalk >= 0) return { anchorStage: onWalk, anchorAt: now, outcome: record.outcome };
  return { ...record, held: state };
}
