import { customersFeature } from './customers';
import { gdapFeature } from './gdap';
import type { FeatureFactory } from './feature';
import { notificationsFeature } from './notifications';
import { partnershipsFeature } from './partnerships';
import { sandboxPartnerCenterFeature } from './sandboxPartnerCenter';
import { slackLifecycleFeature } from './slackLifecycle';
import { enrolmentFeature } from './enrolment';
import { programFeature } from './program';
import { reauthorisationFeature } from './reauthorisation';
import { readinessFeature } from './readiness';

/**
 * Every slice of the product, in the order their commands are listed on the help cards.
 * One line per feature; each slice lives in its own files.
 */
export const FEATURES: FeatureFactory[] = [
  enrolmentFeature,
  notificationsFeature,
  partnershipsFeature(),
  customersFeature,
  gdapFeature,
  readinessFeature,
  programFeature,
  reauthorisationFeature,
  sandboxPartnerCenterFeature,
  slackLifecycleFeature,
];
