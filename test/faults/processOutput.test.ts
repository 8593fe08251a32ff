import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { tempDataDir } from '../support/drivers/testAssistant';

const ROOT = path.resolve(__dirname, '../..');

/** Runs a TypeScript entry point as its own process; resolves with its exit code and every line it wrote. */
function run(
  entry: string,
  env: Record<string, string>,
  whileRunning?: (child: ChildProcess, url: string) => Promise<void>,
) {
  return new Promise<{ code: number | null; stdout: string[]; stderr: string[] }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const ready = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"CSP Partner Assistant ready"/.exec(stdout);
      if (ready && whileRunning && !started) {
        started = true;
        whileRunning(child, ready[1]).catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error as Error);
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
      resolve({ code, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

const expectJsonLines = (lines: string[]) => {
  for (const line of lines) expect(() => JSON.parse(line), `not a JSON log line: ${line}`).to.not.throw();
};

describe('Faults: one policy for the unexpected, for the whole process (issue 13)', function () {
  this.timeout(60_000);

  it('logs a console error, a warning, an unhandled rejection and an uncaught exception as JSON, and keeps going', async () => {
    const { code, stdout, stderr } = await run('test/faults/fixtures/unexpectedChild.ts', {});
    expect(stderr).to.deep.equal([]);
    expectJsonLines(stdout);
    const messages = stdout.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).to.include.members([
      'an error a library prints with console.error',
      'a warning a library prints with console.warn',
      'node warning',
      'unhandled rejection',
      'uncaught exception',
      'still serving',
    ]);
    expect(code).to.equal(0);
  });

  it('writes only JSON lines from `npm start`, forged tokens with the login metadata unreachable included (7)', async () => {
    const forged = `Bearer ${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.c2ln`;
    const statuses: number[] = [];
    const { code, stdout, stderr } = await run(
      'bot/index.ts',
      {
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDataDir(),
        MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        BOT_OPENID_METADATA_URL: 'https://login.botframework.invalid/v1/.well-known/openidconfiguration',
      },
      async (child, url) => {
        for (let i = 0; i < 12; i++) {
          const response = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: forged },
            body: JSON.stringify({ type: 'message', serviceUrl: 'https://smba.invalid/', conversation: { id: 'c' } }),
          });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
        child.kill('SIGTERM');
      },
    );
    expect(statuses).to.deep.equal(Array(12).fill(401));
    expect(stderr).to.deep.equal([]);
    expectJsonLines(stdout);
    expect(code).to.equal(0);
  });
});
