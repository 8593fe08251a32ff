import { customersFeature } from './customersFeature';
import type { FeatureFactory } from './feature';
import { notificationsFeature } from './notificationsFeature';
import { partnershipsFeature } from './partnershipsFeature';
import { sandboxPartnerCenterFeature } from './sandboxPartnerCenterFeature';
import { slackLifecycleFeature } from './slack/slackLifecycleFeature';
import { enrolmentFeature } from './teams/enrolmentFeature';
import { programFeature } from './teams/programFeature';

/**
 * Every slice of the product, in the order their commands are listed on the help cards.
 * One line per feature; each slice lives in its own files.
 */
export const FEATURES: FeatureFactory[] = [
  enrolmentFeature,
  notificationsFeature,
  partnershipsFeature(),
  customersFeature,
  programFeature,
  sandboxPartnerCenterFeature,
  slackLifecycleFeature,
];
