import './compileCache';
import { startAssistant } from './assistant';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { logStartup } from './startupLines';

/** `npm start`: read the configuration, start, and stop cleanly on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Before a logger exists, still one JSON line: an operator's log pipeline parses every line.
      writeJsonLine({ level: 60, msg: error.message, problems: error.problems, variables: '.env.example' });
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const assistant = await startAssistant(config, { logger });
  logStartup(assistant);

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

function writeJsonLine(fields: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: Date.now(), service: 'csp-partner-assistant', ...fields })}\n`);
}

main().catch((error) => {
  writeJsonLine({
    level: 60,
    msg: `The assistant could not start: ${error instanceof Error ? error.message : String(error)}`,
  });
  process.exit(1);
});
