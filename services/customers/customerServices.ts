/**
 * The customer services built together, each with the parts it needs, so the feature and the tests
 * wire customer onboarding in one call instead of in the order the parts depend on each other.
 */
import { ApprovalExecution } from './approvalExecution';
import { CustomerDecisions } from './customerDecisions';
import { CustomerDrafts } from './customerDrafts';
import { CustomerEligibility } from './customerEligibility';
import { CustomerLookups } from './customerLookups';
import type { CustomerRequestsDeps } from './customerRequest';
import { CustomerRequests } from './customerRequests';
import { OpenRequests } from './openRequests';
import { PartnerOfRecord } from './partnerOfRecord';

export interface CustomerServices {
  eligibility: CustomerEligibility;
  lookups: CustomerLookups;
  requests: CustomerRequests;
  decisions: CustomerDecisions;
  /** The recovery pass for approvals a crash left unfinished (`resumeUnfinished`). */
  approvals: ApprovalExecution;
  drafts: CustomerDrafts;
  /** The indexes of the requests still open (their sweep of older requests runs with the feature). */
  open: OpenRequests;
}

export function customerServices(deps: CustomerRequestsDeps): CustomerServices {
  const open = new OpenRequests(deps.records, deps.now ?? (() => new Date()));
  const eligibility = new CustomerEligibility(deps);
  const lookups = new CustomerLookups(deps);
  const partnerOfRecord = new PartnerOfRecord(deps);
  const requests = new CustomerRequests(deps, eligibility, lookups, partnerOfRecord, open);
  const approvals = new ApprovalExecution(deps, open);
  const decisions = new CustomerDecisions(deps, {
    requests,
    eligibility,
    lookups,
    execution: approvals,
    partnerOfRecord,
    open,
  });
  const drafts = new CustomerDrafts(deps.records, { requests, eligibility, lookups });
  return { eligibility, lookups, requests, decisions, approvals, drafts, open };
}
