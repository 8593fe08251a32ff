import { startAssistant } from './assistant';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { routeProcessOutput } from './processOutput';

/**
 * `npm start`: read the configuration, start, and stop cleanly on SIGTERM / SIGINT. Every line the
 * process writes is JSON; the start and stop lines are written whatever LOG_LEVEL says, since an
 * operator (and `npm run bench`) waits for "ready on".
 */
async function main(): Promise<void> {
  const lifecycle = createLogger('info');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      lifecycle.fatal({ problems: error.problems }, `${error.message}\nSee .env.example for every variable.`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  routeProcessOutput(logger);
  const assistant = await startAssistant(config, { logger });
  lifecycle.info({ url: assistant.url }, `CSP Partner Assistant ready on ${assistant.url}`);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    await assistant.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  createLogger('info').fatal({ err: error }, 'The assistant could not start');
  process.exit(1);
});
