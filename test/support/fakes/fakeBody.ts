import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** A fake's request body, read whole. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A fake's JSON answer, unless the client already went away. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}
