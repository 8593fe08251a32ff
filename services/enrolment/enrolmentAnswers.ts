import { z } from 'zod';
import { companyNameSchema } from '../domain/companyName';
import { countryCodeSchema, emailSchema, mpnIdSchema } from '../domain/identifiers';

/**
 * What a reseller may answer, one schema per step, parsed from a card submission (strings from
 * Adaptive Card inputs; a toggle sends "true"/"false"). Blank optional fields count as not given.
 */

export const ANSWER_STEPS = [
  'work-account',
  'mpn-id',
  'legal-business-profile',
  'primary-contact',
  'support-contact',
  'admin-agent',
  'mpa',
  'already-enrolled',
] as const;
export type AnswerStep = (typeof ANSWER_STEPS)[number];

export function isAnswerStep(value: unknown): value is AnswerStep {
  return typeof value === 'string' && (ANSWER_STEPS as readonly string[]).includes(value);
}

const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankIsAbsent, z.string().trim().optional());
const requiredText = (field: string) =>
  z
    .string({ message: `enrolment:invalid.${field}` })
    .trim()
    .min(1, { message: `enrolment:invalid.${field}` });
const toggle = (field: string) =>
  z.enum(['true', 'false'], { message: `enrolment:invalid.${field}` }).transform((v) => v === 'true');
/** A country as typed (`pl`, ` PL `), read as its code. */
export const countryAnswer = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  countryCodeSchema,
);
/** An email as typed, without the spaces a paste brings. */
export const emailAnswer = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), emailSchema);

const supportContactFields = {
  supportEmail: z.preprocess(blankIsAbsent, emailSchema.optional()),
  supportPhone: optionalText,
  supportUrl: z.preprocess(blankIsAbsent, z.url({ message: 'enrolment:invalid.supportUrl' }).optional()),
};
type SupportContactFields = { supportEmail?: string; supportPhone?: string; supportUrl?: string };
const hasSupportChannel = (c: SupportContactFields) => Boolean(c.supportEmail || c.supportPhone || c.supportUrl);
const supportContactOf = (c: SupportContactFields) => ({
  email: c.supportEmail,
  phone: c.supportPhone,
  url: c.supportUrl,
});
const mpnIdAnswer = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), mpnIdSchema);

const supportContactAnswer = z
  .object(supportContactFields)
  .refine(hasSupportChannel, { message: 'validation.support-contact-empty' })
  .transform(supportContactOf);

/** E7: a partner already in CSP names its PartnerID and country (checked at Partner Center, E3) and its support. */
const alreadyEnrolledAnswer = z
  .object({ mpnId: mpnIdAnswer, country: countryAnswer, ...supportContactFields })
  .refine(hasSupportChannel, { message: 'validation.support-contact-empty' })
  .transform((a) => ({ mpnId: a.mpnId, country: a.country, supportContact: supportContactOf(a) }));

export const ANSWER_SCHEMAS = {
  'work-account': z.object({ hasWorkAccount: toggle('hasWorkAccount'), globalAdmin: toggle('globalAdmin') }),
  'mpn-id': z.object({ mpnId: mpnIdAnswer }),
  'legal-business-profile': z
    .object({
      legalName: companyNameSchema,
      line1: requiredText('line1'),
      line2: optionalText,
      city: requiredText('city'),
      postalCode: optionalText,
      country: countryAnswer,
    })
    .transform((a) => ({
      legalName: a.legalName,
      country: a.country,
      address: { line1: a.line1, line2: a.line2, city: a.city, postalCode: a.postalCode, country: a.country },
    })),
  'primary-contact': z
    .object({
      contactName: requiredText('contactName'),
      contactEmail: emailAnswer,
      contactPhone: optionalText,
    })
    .transform((a) => ({ name: a.contactName, email: a.contactEmail, phone: a.contactPhone })),
  'support-contact': supportContactAnswer,
  'admin-agent': z.object({ adminAgent: toggle('adminAgent') }),
  mpa: z.object({ mpaSigned: toggle('mpaSigned') }),
  'already-enrolled': alreadyEnrolledAnswer,
} as const satisfies Record<AnswerStep, z.ZodType>;

export type Answer<S extends AnswerStep> = z.output<(typeof ANSWER_SCHEMAS)[S]>;

/** One thing wrong with a submission: the field and the catalog key that says why (`rules:validation.*`, `enrolment:invalid.*`). */
export interface Problem {
  field: string;
  key: string;
}

export function parseAnswer<S extends AnswerStep>(
  step: S,
  raw: unknown,
): { ok: true; answer: Answer<S> } | { ok: false; problems: Problem[] } {
  const parsed = ANSWER_SCHEMAS[step].safeParse(raw ?? {});
  if (parsed.success) return { ok: true, answer: parsed.data as Answer<S> };
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? 'form');
    const key = issue.message.startsWith('validation.')
      ? `rules:${issue.message}`
      : issue.message.startsWith('enrolment:')
        ? issue.message
        : `enrolment:invalid.${field}`;
    return { field, key };
  });
  return { ok: false, problems };
}

/** The inputs a step cannot do without: those its schema refuses when they are left out. */
export function requiredFields(step: AnswerStep): ReadonlySet<string> {
  let fields = REQUIRED.get(step);
  if (!fields) {
    const parsed = ANSWER_SCHEMAS[step].safeParse({});
    fields = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
    fields.delete('');
    REQUIRED.set(step, fields);
  }
  return fields;
}
const REQUIRED = new Map<AnswerStep, Set<string>>();
