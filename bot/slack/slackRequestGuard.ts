import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, isRawBodyError, verifySlackRequest } from '@slack/bolt';
import { DELIVERY_KEYS, type DeliveryLedger } from '../deliveryLedger';
import type { Logger } from '../logger';
import { carryRequest, requestLogger } from '../observability/requestContext';
import { isSlackEnvelope } from './slackEnvelope';

/** Slack's guidance: a request stamped more than five minutes from now, either way, is a replay or a forgery. */
export const SLACK_CLOCK_SKEW_SECONDS = 5 * 60;

type BufferedRequest = IncomingMessage & { rawBody: Buffer };
type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The stretches of a request before its answer, timed so an operator sees which one a slow ack waits on. */
export type AckPhase = 'read' | 'verify' | 'ledger' | 'bolt' | 'total';

/**
 * Where a Slack request enters, before Bolt's receiver: the body is read (capped), the signature and the
 * timestamp checked (Bolt checks only the past), and the body must be an envelope Bolt can route; anything
 * else is answered 4xx here, so no input reaches code that would throw on it. A delivery seen before (an
 * event Slack retries, by its event id; a signed request replayed, by its signature, which covers the
 * timestamp and the exact body) is answered 200 and not handled again. Bolt then reuses the buffered
 * body (`rawBody`) and verifies the signature again, as it always does.
 */
export function guardSlackRequests(
  options: {
    signingSecret: string;
    maxBodyBytes: number;
    logger: Logger;
    ledger?: DeliveryLedger;
    now?: () => number;
    /** Told how long each stretch of an answered request took (issue 18: where the Slack ack's time goes). */
    timed?: (phase: AckPhase, seconds: number) => void;
  },
  receive: Listener,
): Listener {
  const now = options.now ?? Date.now;
  const timed = options.timed ?? (() => {});
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, reason: string) => {
    requestLogger(options.logger, req).warn({ status, reason }, 'Slack request refused');
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: reason }));
  };

  const check = async (req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    let mark = arrived;
    const lap = (phase: AckPhase) => {
      const at = performance.now();
      timed(phase, (at - mark) / 1000);
      mark = at;
    };
    let buffered: BufferedRequest;
    try {
      buffered = (await HTTPModuleFunctions.bufferIncomingMessage(req, options.maxBodyBytes)) as BufferedRequest;
      carryRequest(req, buffered);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
      return refuse(req, res, tooLarge ? 413 : 400, tooLarge ? 'body too large' : 'unreadable body');
    }
    lap('read');
    const text = buffered.rawBody.toString('utf8');
    const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
    // Slack's unsigned SSL probe: Bolt answers it and strips anything smuggled beside it.
    if (form && parseQuery(text).ssl_check === '1') return receive(buffered, res);

    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (!Number.isFinite(stamp) || Math.abs(now() / 1000 - stamp) > SLACK_CLOCK_SKEW_SECONDS) {
      return refuse(req, res, 401, 'timestamp missing or more than five minutes from now');
    }
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: text,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': stamp,
        },
      });
    } catch {
      return refuse(req, res, 401, 'signature invalid');
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      return refuse(req, res, 400, 'malformed body');
    }
    if (!isSlackEnvelope(body)) return refuse(req, res, 400, 'not a Slack payload this app handles');
    lap('verify');
    // Bolt's stretch ends when the answer is written: for a block action, at the listener's ack.
    const toBolt = () => {
      res.once('finish', () => {
        lap('bolt');
        timed('total', (performance.now() - arrived) / 1000);
      });
      receive(buffered, res);
    };
    if (!options.ledger) return toBolt();
    const ledger = options.ledger;
    const key = deliveryKey(body, String(req.headers['x-slack-signature']));
    const claim = await ledger.claim(key);
    lap('ledger');
    if (claim && !claim.first) {
      requestLogger(options.logger, req).info(
        { retry: req.headers['x-slack-retry-num'] },
        'Slack request delivered again: handled once already',
      );
      res.statusCode = 200;
      res.end();
      return;
    }
    res.once('finish', () => void ledger.settle(key, claim, res.statusCode));
    return toBolt();
  };

  return (req, res) => {
    check(req, res).catch((error: unknown) => {
      requestLogger(options.logger, req).error({ err: error }, 'Slack request failed');
      if (!res.writableEnded) refuse(req, res, 500, 'internal error');
    });
  };
}

/** Slack retries an event with a new signature but the same event id; anything else is its signed bytes. */
function deliveryKey(body: unknown, signature: string): string {
  const eventId = (body as { event_id?: unknown }).event_id;
  return typeof eventId === 'string' && eventId
    ? DELIVERY_KEYS.slackEvent(eventId)
    : DELIVERY_KEYS.slackSigned(signature);
}
