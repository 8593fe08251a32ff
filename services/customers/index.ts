export * from './customerRequests';
