import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../bot/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs on embedded defaults: SQLite under ./data, sandbox Partner Center, port 3978, Slack off', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3978);
    expect(config.store).to.deep.include({ backend: 'sqlite', dataDir: './data' });
    expect(config.partnerCenter.mode).to.equal('sandbox');
    expect(config.slack).to.equal(undefined);
  });

  it('refuses to start in production without a Bot Framework app id', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).to.match(
      /^MICROSOFT_APP_ID: required when NODE_ENV=production/,
    );
  });

  it('names the variable and what it expects when a value is bad', () => {
    expect(problemsOf({ PORT: 'eighty' }).join()).to.match(/^PORT: /);
    expect(problemsOf({ REDIS_URL: 'http://example' }).join()).to.match(/^REDIS_URL: /);
    expect(problemsOf({ PARTNER_CENTER_MODE: 'live' }).join()).to.match(/^PARTNER_CENTER_MODE: /);
  });

  it('wants the app password with an app id', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: 'abc' }).join()).to.match(/^MICROSOFT_APP_PASSWORD: /);
  });

  it('flushes every SQLite commit to disk unless the operator trades that for speed (SQLITE_SYNCHRONOUS)', () => {
    expect(loadConfig({}).store.sqliteSynchronous).to.equal('full');
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'Normal' }).store.sqliteSynchronous).to.equal('normal');
    expect(problemsOf({ SQLITE_SYNCHRONOUS: 'off' }).join()).to.match(/^SQLITE_SYNCHRONOUS: /);
  });

  it('moves to Redis when REDIS_URL is set', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).store.backend).to.equal('redis');
  });

  it('turns Slack on only with both the signing secret and the bot token', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's' }).slack).to.equal(undefined);
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).slack?.apiUrl).to.equal(
      'https://slack.com/api/',
    );
  });
});
