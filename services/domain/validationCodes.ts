import { ADMIN_EMAIL_PROBLEMS } from './adminEmail';
import { COMPANY_NAME_PROBLEMS } from './companyName';

/**
 * Every message key a domain schema reports as an issue message, so a test can prove each has a
 * text in every catalog (`rules:validation.<code>`).
 */
export const ALL_VALIDATION_CODES = [
  'validation.tenant-id-invalid',
  'validation.mpn-id-invalid',
  'validation.country-invalid',
  'validation.email-invalid',
  'validation.domain-invalid',
  'validation.id-missing',
  'validation.timestamp-invalid',
  'validation.support-contact-empty',
  'validation.licences-invalid',
  'validation.request-needs-subscription',
  'validation.request-needs-existing-customer',
  'validation.request-decision-missing',
  ...COMPANY_NAME_PROBLEMS,
  ...ADMIN_EMAIL_PROBLEMS.filter((code) => code !== 'validation.email-invalid'),
] as const;
export type ValidationCode = (typeof ALL_VALIDATION_CODES)[number];
