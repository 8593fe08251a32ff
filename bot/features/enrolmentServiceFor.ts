import { EnrolmentService } from '../../services/enrolment/enrolmentService';
import type { FeatureDeps } from './feature';

/** The enrolment service over the assistant's store: the checklist's answers, read by `status` and `ready` alike. */
export function enrolmentServiceFor(deps: FeatureDeps): EnrolmentService {
  return new EnrolmentService({
    partners: deps.partners,
    partnerCenter: deps.partnerCenter,
    webmail: deps.webmail,
    records: deps.store.records,
  });
}
