import type { Assistant } from './assistant';
import type { Logger } from './logger';

/**
 * What a newcomer needs from the first lines after `npm start`: where it listens, on which store and
 * Partner Center, and what to do next. Logged as JSON like every other line (pino), through `logger`
 * (the process's lifecycle logger writes them whatever LOG_LEVEL says: an operator, and `npm run
 * bench`, wait for the first).
 */
export function logStartup(assistant: Assistant, logger: Logger): void {
  const { config, url } = assistant;
  logger.info(
    {
      url,
      store: assistant.store.records.backend,
      partnerCenter: config.partnerCenter.mode,
      slack: Boolean(config.slack),
      teamsAuthentication: Boolean(config.bot.appId),
      metrics: Boolean(config.metricsToken),
    },
    'CSP Partner Assistant ready',
  );
  logger.info(
    {
      endpoints: `${url}/`,
      messages: `${url}/api/messages`,
      slack: `${url}/slack/events`,
      health: `${url}/healthz`,
      ready: `${url}/readyz`,
    },
    'health: GET /healthz (alive) and /readyz (ready); GET / lists every endpoint',
  );
  logger.info(
    { chat: 'npm run dev', guide: 'docs/operators.md' },
    config.bot.appId
      ? 'next: register this address with your Azure Bot and Slack app (docs/operators.md)'
      : 'next: chat with it locally with `npm run dev` (Agents Playground); for Teams and Slack see docs/operators.md',
  );
}
