export * from './customerRequests';
export * from './messages';
