import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets and bearer tokens are redacted wherever they appear. */
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
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
