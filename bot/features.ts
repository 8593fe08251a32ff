import type { FeatureFactory } from './feature';

/** Every slice of the product, in the order their commands are listed on the help cards. */
export const FEATURES: FeatureFactory[] = [];
