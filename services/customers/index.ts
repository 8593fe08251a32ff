export * from './customerRequests';
export * from './messages';
export * from './customerDrafts';
export * from './resellerCustomers';
