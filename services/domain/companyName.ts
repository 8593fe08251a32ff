import { z } from 'zod';

/**
 * Partner Center refuses company names that are a single character, made only of special
 * characters, or one character repeated ("aaaa", "----"); checking here saves the user a
 * round trip that would fail at Microsoft.
 */
export const COMPANY_NAME_PROBLEMS = [
  'validation.company-name-too-short',
  'validation.company-name-only-special-characters',
  'validation.company-name-repeated-character',
  'validation.company-name-too-long',
] as const;
export type CompanyNameProblem = (typeof COMPANY_NAME_PROBLEMS)[number];

/** A storage bound, not a Partner Center figure: long enough for any registered legal name. */
export const COMPANY_NAME_MAX_LENGTH = 256;

/** The first reason Partner Center would refuse `name`, or undefined when it is acceptable. */
export function companyNameProblem(name: string): CompanyNameProblem | undefined {
  const trimmed = name.trim();
  if ([...trimmed].length < 2) return 'validation.company-name-too-short';
  if (trimmed.length > COMPANY_NAME_MAX_LENGTH) return 'validation.company-name-too-long';
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return 'validation.company-name-only-special-characters';
  const distinct = new Set([...trimmed.replace(/\s+/g, '').toLowerCase()]);
  if (distinct.size === 1) return 'validation.company-name-repeated-character';
  return undefined;
}

export const companyNameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = companyNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
