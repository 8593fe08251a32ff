import { startAssistant } from './assistant';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

/** `npm start`: read the configuration, start, and stop cleanly on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const assistant = await startAssistant(config, { logger });
  process.stdout.write(`CSP Partner Assistant ready on ${assistant.url} (messages: ${assistant.url}/api/messages)\n`);

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
  process.stderr.write(`The assistant could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
