import { expect } from 'chai';
import { ConfigError, loadConfig, loadPackagingConfig } from '../../bot/config';
import { renderManifest } from '../../manifest/teams/packageTeams';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const refresh = {
  PARTNER_CENTER_MODE: 'rest',
  PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com',
  PARTNER_CENTER_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  PARTNER_CENTER_CLIENT_SECRET: 'client-secret',
  PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token',
};

describe('Configuration for operating it (issue 17)', () => {
  it('prefixes Redis keys with csp: unless told otherwise; an empty prefix keeps the keys of earlier versions', () => {
    expect(loadConfig({}).store.redisKeyPrefix).to.equal('csp:');
    expect(loadConfig({ REDIS_KEY_PREFIX: '' }).store.redisKeyPrefix).to.equal('');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'tenant-a:' }).store.redisKeyPrefix).to.equal('tenant-a:');
    expect(problemsOf({ REDIS_KEY_PREFIX: 'a b*' }).join()).to.match(/^REDIS_KEY_PREFIX: /);
  });

  it('keeps /metrics off without a token, and wants a token long enough not to be guessed', () => {
    expect(loadConfig({}).metricsToken).to.equal(undefined);
    expect(problemsOf({ METRICS_TOKEN: 'short' }).join()).to.match(/^METRICS_TOKEN: /);
  });

  it('waits before closing the listener in production (SHUTDOWN_DELAY_MS), not on a developer machine', () => {
    expect(loadConfig({}).shutdownDelayMs).to.equal(0);
    expect(
      loadConfig({ NODE_ENV: 'production', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' }).shutdownDelayMs,
    ).to.equal(5000);
    expect(loadConfig({ SHUTDOWN_DELAY_MS: '1500' }).shutdownDelayMs).to.equal(1500);
  });

  it('refreshes Partner Center tokens itself with App+User credentials, at the documented endpoint', () => {
    const config = loadConfig(refresh).partnerCenter;
    expect(config.refresh?.tokenUrl).to.equal('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token');
    expect(config.refresh?.refreshToken).to.equal('refresh-token');
  });

  it('names what is missing when only part of the App+User credentials is given', () => {
    const { PARTNER_CENTER_CLIENT_SECRET: _left, ...partial } = refresh;
    expect(problemsOf(partial).join()).to.match(/^PARTNER_CENTER_CLIENT_SECRET: required with/);
    expect(problemsOf({ PARTNER_CENTER_MODE: 'rest' }).join()).to.match(/PARTNER_CENTER_REFRESH_TOKEN/);
  });

  it('builds the Teams package with the privacy and terms links and the app id an operator configures', () => {
    const values = loadPackagingConfig({
      PUBLIC_URL: 'https://csp.contoso.example',
      TEAMS_APP_ID: '0a7f3c1e-8d5b-4e8a-9a61-2f0c3b4d5e6f',
      TEAMS_PRIVACY_URL: 'https://contoso.example/privacy',
      TEAMS_TERMS_URL: 'https://contoso.example/terms',
    });
    const manifest = renderManifest(
      '{"id":"${{TEAMS_APP_ID}}","privacy":"${{TEAMS_PRIVACY_URL}}","terms":"${{TEAMS_TERMS_URL}}"}',
      values,
    );
    expect(manifest).to.deep.equal({
      id: '0a7f3c1e-8d5b-4e8a-9a61-2f0c3b4d5e6f',
      privacy: 'https://contoso.example/privacy',
      terms: 'https://contoso.example/terms',
    });
    expect(() => loadPackagingConfig({ TEAMS_PRIVACY_URL: 'http://insecure.example/p' })).to.throw(/TEAMS_PRIVACY_URL/);
  });
});
