import { format } from 'node:util';
import type { Logger } from './logger';

/**
 * One policy for the unexpected, for the whole process: every line it writes is a JSON log line.
 * - A rejection nobody awaited is logged and the process goes on: it belongs to one request or one
 *   background pass, whose own writes are single compare-and-sets, so nothing is left half done.
 * - An exception thrown where no request catches it (a library's timer or socket callback) is logged
 *   the same way and the process goes on serving: state lives in the store, not in memory, and one
 *   bad input must not take every other person's turn down with it.
 * - Node's warnings and the libraries' console output (botbuilder writes errors with console.error,
 *   as multi-line stack traces) go to the same log instead of stdout/stderr.
 * Installed once, by `bot/main.ts` (the process), never by the assistant a test starts in-process.
 * Returns a function that puts everything back (for the test that proves it in a child process).
 */
export function routeProcessOutput(logger: Logger): () => void {
  const log = logger.child({ component: 'process' });
  const onRejection = (reason: unknown) => log.error({ err: reason }, 'unhandled rejection');
  const onException = (error: Error) => log.error({ err: error }, 'uncaught exception');
  const onWarning = (warning: Error) =>
    log.warn({ warning: { name: warning.name, message: warning.message } }, 'node warning');

  // Node's own printer of warnings is a 'warning' listener; replacing it is how they stop reaching stderr.
  const nodeWarningPrinters = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', onWarning);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);

  const original = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  };
  console.log = (...args: unknown[]) => log.info({ console: 'log' }, format(...args));
  console.info = (...args: unknown[]) => log.info({ console: 'info' }, format(...args));
  console.debug = (...args: unknown[]) => log.debug({ console: 'debug' }, format(...args));
  console.warn = (...args: unknown[]) => log.warn({ console: 'warn' }, format(...args));
  console.error = (...args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    log.error({ console: 'error', err: error }, error ? error.message : format(...args));
  };

  return () => {
    Object.assign(console, original);
    process.off('warning', onWarning);
    for (const printer of nodeWarningPrinters) process.on('warning', printer as (w: Error) => void);
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
