import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { PARTNER_CENTER_RESOURCE, RefreshingTokenProvider } from '../../services/partnerCenter/tokenProvider';

/** A local stand-in for the Microsoft Entra token endpoint: records each form, answers what a test queues. */
class TokenEndpoint {
  readonly forms: URLSearchParams[] = [];
  private server?: Server;
  private issued = 0;
  status = 200;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.forms.push(new URLSearchParams(body));
        this.issued += 1;
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            this.status === 200
              ? { access_token: `access-${this.issued}`, expires_in: '3600', refresh_token: `rotated-${this.issued}` }
              : { error: 'invalid_grant' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }
  get url() {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/tenant/oauth2/token`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('Partner Center tokens refreshed by the assistant (issue 17, API1)', () => {
  let endpoint: TokenEndpoint;
  let clock: number;
  let provider: RefreshingTokenProvider;

  beforeEach(async () => {
    endpoint = await new TokenEndpoint().start();
    clock = 1_000_000;
    provider = new RefreshingTokenProvider({
      tokenUrl: endpoint.url,
      clientId: 'client',
      clientSecret: 'secret',
      refreshToken: 'configured-refresh',
      now: () => clock,
    });
  });
  afterEach(() => endpoint.stop());

  it('trades the refresh token for an access token to Partner Center, once for callers arriving together', async () => {
    const tokens = await Promise.all([provider.accessToken(), provider.accessToken(), provider.accessToken()]);
    expect(tokens).to.deep.equal(['access-1', 'access-1', 'access-1']);
    expect(endpoint.forms).to.have.length(1);
    expect(Object.fromEntries(endpoint.forms[0])).to.deep.equal({
      grant_type: 'refresh_token',
      resource: PARTNER_CENTER_RESOURCE,
      client_id: 'client',
      client_secret: 'secret',
      refresh_token: 'configured-refresh',
    });
  });

  it('keeps the token until shortly before it expires, then refreshes with the rotated refresh token', async () => {
    await provider.accessToken();
    clock += 50 * 60_000;
    expect(await provider.accessToken()).to.equal('access-1');
    clock += 6 * 60_000;
    expect(await provider.accessToken()).to.equal('access-2');
    expect(endpoint.forms[1].get('refresh_token')).to.equal('rotated-1');
  });

  it('fails with the endpoint status when the refresh token is refused, and tries again on the next call', async () => {
    endpoint.status = 400;
    const error = (await provider.accessToken().catch((e: unknown) => e)) as Error;
    expect(error.message).to.match(/HTTP 400.*invalid_grant/);
    endpoint.status = 200;
    expect(await provider.accessToken()).to.equal('access-2');
  });
});
