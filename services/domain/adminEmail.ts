import { z } from 'zod';
import { asciiEmail, emailDomain, emailSchema, isSameOrSubdomain } from './identifiers';

export const ADMIN_EMAIL_PROBLEMS = [
  'validation.email-invalid',
  'validation.admin-email-microsoft',
  'validation.admin-email-partner-domain',
] as const;
export type AdminEmailProblem = (typeof ADMIN_EMAIL_PROBLEMS)[number];

const MICROSOFT_DOMAIN = 'microsoft.com';

/**
 * Why `email` cannot be a new customer's admin contact, or undefined when it can. Partner
 * Center refuses Microsoft's own addresses, and an address on the partner's own domain would
 * make the partner the customer's administrator instead of the customer.
 */
export function customerAdminEmailProblem(
  email: string,
  partnerDomains: readonly string[],
): AdminEmailProblem | undefined {
  if (!emailSchema.safeParse(email).success) return 'validation.email-invalid';
  const domain = emailDomain(email);
  if (!domain) return 'validation.email-invalid';
  if (isSameOrSubdomain(domain, MICROSOFT_DOMAIN)) return 'validation.admin-email-microsoft';
  if (partnerDomains.some((own) => isSameOrSubdomain(domain, own))) {
    return 'validation.admin-email-partner-domain';
  }
  return undefined;
}

/** A zod schema for a customer admin email, bound to the domains of the partner adding the customer. */
export function customerAdminEmailSchema(partnerDomains: readonly string[]) {
  return z
    .string()
    .trim()
    .transform(asciiEmail)
    .superRefine((email, ctx) => {
      const problem = customerAdminEmailProblem(email, partnerDomains);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
