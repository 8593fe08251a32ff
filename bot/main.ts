import './compileCache';
import { startAssistant } from './assistant';
import { applyHeapGrowth } from './heapGrowth';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { routeProcessOutput } from './processOutput';
import { logStartup } from './startupLines';

/**
 * `npm start`: read the configuration, start, and stop cleanly on SIGTERM / SIGINT. Every line the
 * process writes is JSON; the start and stop lines are written whatever LOG_LEVEL says, since an
 * operator (and `npm run bench`) waits for "CSP Partner Assistant ready".
 */
async function main(): Promise<void> {
  applyHeapGrowth();
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
  logStartup(assistant, lifecycle);

  const stop = async (signal: string) => {
    // Readiness first, so the load balancer takes this instance out while it still answers everyone.
    assistant.stopAccepting();
    logger.info(
      { signal, shutdownDelayMs: config.shutdownDelayMs },
      'shutting down: /readyz answers 503, the listener closes after the delay',
    );
    if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    logger.info('closing the listener: finishing turns in flight');
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
