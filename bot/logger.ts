import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. A line written through `requestLogger` while a request is served carries that
 * request's id and what the edges learnt of it (observability/requestContext.ts). Secrets, bearer
 * tokens and email addresses are redacted wherever they appear, so an info line never holds them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'csp-partner-assistant' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-slack-signature"]',
          '*.password',
          '*.temporaryPassword',
          '*.appPassword',
          '*.botToken',
          '*.signingSecret',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.clientSecret',
          'email',
          '*.email',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
