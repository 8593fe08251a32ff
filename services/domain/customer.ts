import { z } from 'zod';
import { customerAdminEmailSchema } from './adminEmail';
import { companyNameSchema } from './companyName';
import { customerDomainSchema } from './customerDomain';
import { countryCodeSchema, emailSchema, entityIdSchema, tenantIdSchema } from './identifiers';

/**
 * C9: a partner's own CSP tenant is never a place to buy into; a partner buying for its own use
 * does so into a separate tenant of Customer type.
 */
export const tenantTypeSchema = z.enum(['customer', 'partner-csp-tenant']);
export type TenantType = z.infer<typeof tenantTypeSchema>;

const customerShape = {
  /** Absent until Partner Center creates the tenant (C3). */
  tenantId: tenantIdSchema.optional(),
  companyName: companyNameSchema,
  /** As typed (`https://www.contoso.com/kontakt`), kept as the bare domain (`contoso.com`). */
  domain: customerDomainSchema,
  country: countryCodeSchema,
  adminEmail: emailSchema,
  tenantType: tenantTypeSchema.default('customer'),
  /** The partner whose own company this customer is, if any (C8, C9, C10). */
  ownerPartnerId: entityIdSchema.optional(),
  resellerId: entityIdSchema.optional(),
  providerId: entityIdSchema.optional(),
};

export const customerSchema = z.object(customerShape);
export type Customer = z.infer<typeof customerSchema>;

/**
 * The customer schema for a partner entering a new customer: the admin email may not be
 * Microsoft's nor on one of that partner's own domains.
 */
export function customerSchemaFor(partnerDomains: readonly string[]) {
  return z.object({ ...customerShape, adminEmail: customerAdminEmailSchema(partnerDomains) });
}
