import type { FeatureFactory } from './feature';

/**
 * Every slice of the product, in the order their commands are listed on the help cards.
 * One line per feature; each slice lives in its own files.
 */
export const FEATURES: FeatureFactory[] = [
  // enrolment (issue 4)
  // notifications (issue 4)
  // partnerships (issue 5)
];
