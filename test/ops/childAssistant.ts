import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { tempDataDir } from '../support/drivers/testAssistant';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `bot/index.ts` as `npm start` runs it (or a compiled `entry`, e.g. the bundle the build writes), in a
 * child process of its own: what it writes to stdout and stderr is kept line by line, and a test waits for
 * a line instead of sleeping.
 */
export class ChildAssistant {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  url = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];

  constructor(env: Record<string, string>, entry?: string) {
    const args = entry ? [entry] : ['-r', 'tsx/cjs', path.join(ROOT, 'bot', 'index.ts')];
    this.child = spawn(process.execPath, args, {
      cwd: tempDataDir(),
      env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.collect(this.child.stdout!, this.stdout);
    this.collect(this.child.stderr!, this.stderr);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Resolves with the first line (stdout or stderr) containing `text`, already written or still to come. */
  waitForLine(text: string): Promise<string> {
    const match = (line: string) => line.includes(text);
    const seen = [...this.stdout, ...this.stderr].find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, resolve });
      void this.exited.then((code) =>
        reject(new Error(`exited (${code}) before a line with "${text}"\n${this.all()}`)),
      );
    });
  }

  async ready(): Promise<this> {
    const line = await this.waitForLine('"CSP Partner Assistant ready"');
    this.url = (JSON.parse(line) as { url: string }).url;
    return this;
  }

  signal(signal: NodeJS.Signals) {
    this.child.kill(signal);
  }

  exit(): Promise<number | null> {
    return this.exited;
  }

  all(): string {
    return [...this.stdout, ...this.stderr].join('\n');
  }

  private collect(stream: NodeJS.ReadableStream, into: string[]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        into.push(line);
        this.waiters = this.waiters.filter((w) => !(w.match(line) && (w.resolve(line), true)));
      }
    });
  }
}
