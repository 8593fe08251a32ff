export * from './invitationCodes';
export * from './partnershipService';
export * from './types';
export * from './messages';
export * from './endRequest';
export * from './authorisationAnswers';
