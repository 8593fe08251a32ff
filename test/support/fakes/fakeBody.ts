import type { z } from 'zod';
import { PartnerCenterError } from '../../../services/partnerCenter/errors';

/** A request body the Partner Center fake received, parsed as the REST reference documents it, or refused as Partner Center refuses it. */
export function parseBody<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PartnerCenterError('invalid-input', 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new PartnerCenterError('invalid-input', 'The request body does not match the documented shape.');
  return parsed.data;
}
