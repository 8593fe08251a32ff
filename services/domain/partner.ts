import { z } from 'zod';
import { companyNameSchema } from './companyName';
import {
  countryCodeSchema,
  domainSchema,
  emailSchema,
  entityIdSchema,
  mpnIdSchema,
  tenantIdSchema,
} from './identifiers';

/** T1: the three transactional relationship types of the program. */
export const partnerKindSchema = z.enum(['indirect-provider', 'indirect-reseller', 'direct-bill']);
export type PartnerKind = z.infer<typeof partnerKindSchema>;

export const addressSchema = z.object({
  line1: z.string().trim().min(1),
  line2: z.string().trim().optional(),
  city: z.string().trim().min(1),
  postalCode: z.string().trim().optional(),
  region: z.string().trim().optional(),
  country: countryCodeSchema,
});
export type Address = z.infer<typeof addressSchema>;

/** E2/E4/E5: the person Microsoft emails to verify the account and to send status updates to. */
export const primaryContactSchema = z.object({
  name: z.string().trim().min(1),
  email: emailSchema,
  phone: z.string().trim().optional(),
});
export type PrimaryContact = z.infer<typeof primaryContactSchema>;

/** E2/E7: how the partner's customers reach its support; any one channel is enough. */
export const supportContactSchema = z
  .object({
    email: emailSchema.optional(),
    phone: z.string().trim().min(1).optional(),
    url: z.url().optional(),
  })
  .refine((c) => Boolean(c.email || c.phone || c.url), { message: 'validation.support-contact-empty' });
export type SupportContact = z.infer<typeof supportContactSchema>;

/** What Microsoft's verification of the legal business profile returns (`vettingStatus`, E5). */
export const verificationStatusSchema = z.enum(['None', 'Pending', 'Authorized', 'Rejected']);
export const verificationSubStatusSchema = z.enum([
  'None',
  'Entry',
  'EmailOwnership',
  'EmailDomain',
  'EmploymentVerification',
  'Decision',
  'Other',
  'BusinessVerification',
]);

export const partnerStatusSchema = z.object({
  enrolment: z.enum(['not-started', 'in-progress', 'submitted', 'enrolled']).default('not-started'),
  verification: verificationStatusSchema.default('None'),
  verificationSubStatus: verificationSubStatusSchema.optional(),
  /** M1/M4: accepted on the Partner Center dashboard by a Global admin, as Partner Center says. */
  mpaSigned: z.boolean().default(false),
  /** M4: the reseller told us its Global admin accepted the MPA; never taken as Partner Center's word. */
  mpaReportedSigned: z.boolean().optional(),
  /** M3: has a Partner Center account (not only a Partner Membership Center one). */
  onboardedInPartnerCenter: z.boolean().default(false),
  /** M5: the account type shown in the partner profile. */
  accountType: z.enum(['partner-membership-center', 'partner-center']).optional(),
  /** E6: the user finishing the set-up is in the Admin agent group. */
  adminAgentAssigned: z.boolean().optional(),
  /** E7: already enrolled in CSP before this enrolment, so only support details are needed. */
  cspEnrolled: z.boolean().optional(),
  /** E2: the enrolling user signed in with the Global admin credentials of the work account. */
  globalAdminConfirmed: z.boolean().optional(),
});
export type PartnerStatus = z.infer<typeof partnerStatusSchema>;

/** E3: the MPN company profile behind the MPN ID, as looked up at Microsoft. */
export const mpnProfileSchema = z.object({
  country: countryCodeSchema,
  active: z.boolean(),
});
export type MpnProfile = z.infer<typeof mpnProfileSchema>;

/** The fields enrolment gathers one answer at a time (E2). */
const enrolmentFields = {
  legalName: companyNameSchema,
  address: addressSchema,
  /** Country of the legal business location and of the CSP account (Azure AD tenant); decides the region (P6, E3). */
  country: countryCodeSchema,
  tenantId: tenantIdSchema,
  /** The MPN ID of the Partner Location Account used to onboard (P9). */
  mpnId: mpnIdSchema,
  primaryContact: primaryContactSchema,
  supportContact: supportContactSchema,
};

/** Who answered an enrolment step, and when (shown on the checklist's cards). */
export const answerRecordSchema = z.object({ by: z.string(), name: z.string().optional(), at: z.string() });

/** A partner while enrolment is still filling it in: every gathered field may be missing. */
export const partnerDraftSchema = z.object({
  id: entityIdSchema,
  kind: partnerKindSchema,
  legalName: enrolmentFields.legalName.optional(),
  address: enrolmentFields.address.optional(),
  country: enrolmentFields.country.optional(),
  tenantId: enrolmentFields.tenantId.optional(),
  mpnId: enrolmentFields.mpnId.optional(),
  primaryContact: enrolmentFields.primaryContact.optional(),
  supportContact: enrolmentFields.supportContact.optional(),
  mpnProfile: mpnProfileSchema.optional(),
  /** Affiliated organisations as partner ids, tenant ids or domains (C8). */
  affiliates: z.array(z.string().trim().min(1)).default([]),
  /** Email domains the partner owns (customer admin email check, C8). */
  domains: z.array(domainSchema).default([]),
  /**
   * Those of `domains` its own members' Teams accounts stand for (E7: a reseller already in CSP gives no
   * primary contact): kept apart so that a primary contact corrected to another domain does not drop them.
   */
  memberDomains: z.array(domainSchema).optional(),
  /**
   * Who answered which enrolment step and when, by step (and `submit`). Kept with the draft, so saving an
   * answer is one write (issue 18); a draft saved before had it in a record of its own (enrolmentService).
   */
  answeredBy: z.record(z.string(), answerRecordSchema).optional(),
  status: partnerStatusSchema.default({
    enrolment: 'not-started',
    verification: 'None',
    mpaSigned: false,
    onboardedInPartnerCenter: false,
  }),
});
export type PartnerDraft = z.infer<typeof partnerDraftSchema>;

/** A partner known to Partner Center: the enrolment fields are all present. */
export const partnerSchema = partnerDraftSchema.extend(enrolmentFields);
export type Partner = z.infer<typeof partnerSchema>;
