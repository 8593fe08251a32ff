// What every customers listener shares: the services it is lent, and how a decision that did not take is worded.
import type { WebClient } from '@slack/web-api';
import type { Translate } from '../../../i18n/i18n';
import type {
  CustomerDecisions,
  CustomerRequest,
  CustomerRequests,
  ResellerCustomers,
} from '../../../services/customers';
import type { PartnershipService } from '../../../services/partnerships/partnershipService';
import type { AcceptedApprovals } from '../../../services/customers/acceptedApprovals';
import type { Refusal } from '../../../services/partnerships/types';
import type { Logger } from '../../logger';
import { customerRefusalText } from '../distributorWords';
import type { SlackLanguages } from '../slackLanguage';
import type { SlackPeople } from '../slackPeople';
import type { ApprovalQueue } from './approvalQueue';
import { whoOf } from './requestView';

/** What the Slack side of customers needs, built once by bot/features/customers.ts. */
export interface SlackCustomers {
  requests: CustomerRequests;
  decisions: CustomerDecisions;
  resellerCustomers: ResellerCustomers;
  partnerships: PartnershipService;
  languages: SlackLanguages;
  /** Real names of the reps who decide, for the decided-by lines. */
  people: SlackPeople;
  logger: Logger;
  /** Acked approvals, a few at a time in click order (issue 18). */
  approvals: ApprovalQueue;
  /** Clicks acked and not yet carried out, durable for the recovery pass. */
  accepted: AcceptedApprovals;
  /** Test only: the fault suite's kill at a named moment (bot/testOnlyCrash.ts). */
  atMomentOfDanger?: (moment: string) => void;
  /** After a decision: the channel message shows it, the reseller hears it, the approvers' App Homes refresh. */
  afterDecision(client: WebClient, request: CustomerRequest): Promise<void>;
  /** The channel message drawn again for a request still pending (a partner-of-record check that failed at Approve). */
  redraw(client: WebClient, request: CustomerRequest): Promise<void>;
}

/** Why an Approve or Reject did not take: someone decided first (who and when), or a rule refused. */
export function notDecidedText(t: Translate, outcome: { decided: CustomerRequest } | { refusal: Refusal }): string {
  if ('decided' in outcome) {
    return t('customers:slack.alreadyDecided', {
      who: whoOf(outcome.decided.decision?.by),
      when: outcome.decided.decision?.at ?? '',
      state: t(`customers:state.${outcome.decided.state}`),
    });
  }
  return customerRefusalText(t, outcome.refusal);
}
