// The customer services as one import for the edges (bot/, dialogs/, cards/).
export * from './customerRequest';
export * from './customerEligibility';
export * from './customerLookups';
export * from './customerRequests';
export * from './customerDecisions';
export * from './approvalExecution';
export * from './customerServices';
export * from './messages';
export * from './customerDrafts';
export * from './resellerCustomers';
