import { createHmac, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { VETTING_STATUSES, VETTING_SUB_STATUSES } from '../../services/partnerCenter/gateway';
import type { AtomicStore } from '../../services/storage/atomicStore';
import type { VerificationWatcher } from '../../services/verification/verificationWatcher';
import type { Logger } from '../logger';

export const WEBHOOK_PATH = '/api/events/verification';
/** Signatures older (or further in the future) than this are refused. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;
const REPLAY_TTL_MS = 2 * WEBHOOK_TOLERANCE_MS;

const eventSchema = z.object({
  tenantId: z.uuid(),
  vettingStatus: z.enum(VETTING_STATUSES),
  vettingSubStatus: z.enum(VETTING_SUB_STATUSES),
  eventId: z.string().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true }),
});

/** `sha256=<hex>` over `<timestamp>.<raw body>`, as the upstream system signs it (and tests do). */
export function signVerificationEvent(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export interface WebhookDeps {
  secret?: string;
  records: AtomicStore;
  watcher: VerificationWatcher;
  logger: Logger;
  maxBodyBytes: number;
  now?: () => number;
}

/**
 * `POST /api/events/verification`: an upstream system tells us a reseller's verification changed.
 * Authenticated by an HMAC over the exact bytes (so the body is read raw here, not by bodyParser),
 * `x-csp-timestamp` in Unix seconds within five minutes, each `eventId` accepted once. Off (404)
 * without VERIFICATION_WEBHOOK_SECRET.
 */
export function mountVerificationWebhook(deps: WebhookDeps) {
  const now = deps.now ?? Date.now;
  return (server: restify.Server) => {
    server.post(WEBHOOK_PATH, async (req: Request, res: Response) => {
      if (!deps.secret) {
        res.send(404, { error: 'the verification webhook is not configured' });
        return;
      }
      let raw: string;
      try {
        raw = await readRaw(req, deps.maxBodyBytes);
      } catch {
        res.send(413, { error: `request body larger than ${deps.maxBodyBytes} bytes` });
        return;
      }
      const timestamp = header(req, 'x-csp-timestamp');
      const signature = header(req, 'x-csp-signature');
      const seconds = Number(timestamp);
      if (!timestamp || !signature || !Number.isFinite(seconds)) {
        res.send(401, { error: 'missing or malformed signature headers' });
        return;
      }
      if (!sameSignature(signature, signVerificationEvent(deps.secret, timestamp, raw))) {
        deps.logger.warn({ path: WEBHOOK_PATH }, 'verification webhook: bad signature');
        res.send(401, { error: 'bad signature' });
        return;
      }
      if (Math.abs(now() - seconds * 1000) > WEBHOOK_TOLERANCE_MS) {
        res.send(401, { error: 'timestamp outside the accepted window' });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        res.send(400, { error: 'the body is not JSON' });
        return;
      }
      const parsed = eventSchema.safeParse(body);
      if (!parsed.success) {
        res.send(400, { error: 'invalid event', issues: parsed.error.issues.map((i) => i.path.join('.')) });
        return;
      }
      const event = parsed.data;
      // The signature window bounds a replay to ten minutes; the event id record outlives it.
      const replayKey = `verification:event:${event.eventId}`;
      const first = await deps.records.compareAndSet(replayKey, undefined, { at: now() }, { ttlMs: REPLAY_TTL_MS });
      if (first === undefined) {
        res.send(200, { accepted: true, duplicate: true });
        return;
      }
      try {
        const changed = await deps.watcher.applyVerification(
          event.tenantId,
          event.vettingStatus,
          event.vettingSubStatus,
        );
        res.send(202, { accepted: true, changed });
      } catch (error) {
        // Let the sender retry with the same event id.
        await deps.records.remove(replayKey).catch(() => undefined);
        deps.logger.error({ err: error, eventId: event.eventId }, 'verification webhook: could not apply the event');
        res.send(500, { error: 'could not apply the event' });
      }
    });
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readRaw(req: Request, cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > cap) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
