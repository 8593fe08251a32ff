import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The compiled script when `npm run build` has built it (dist/bench/*.js, newer than its source), else the
 * TypeScript through tsx. Say which in the results: tsx's loader adds memory and start time.
 */
export function scriptPath(script: string): { file: string; loader: string[]; compiled: boolean } {
  const source = path.join(__dirname, `${script}.ts`);
  const built = path.resolve(__dirname, '..', 'dist', 'bench', `${script}.js`);
  if (__filename.endsWith('.js')) return { file: path.join(__dirname, `${script}.js`), loader: [], compiled: true };
  if (existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs) {
    return { file: built, loader: [], compiled: true };
  }
  return { file: source, loader: ['--import', 'tsx'], compiled: false };
}

/** A forked TypeScript process (run through tsx) that answers `{ id, cmd }` messages over IPC. */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
  ) {
    process.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    process.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`child exited (${code})`));
      this.pending.clear();
    });
  }

  /** Forks `bench/<script>.ts` and waits for its `{ ready, port }`. */
  static async start(script: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
    const { file, loader } = scriptPath(script);
    const child = fork(file, args, {
      // restify still touches process.binding('http_parser'): its deprecation warning is noise here.
      execArgv: [...loader, '--no-deprecation', ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: process.env,
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s`)), 60_000);
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
      child.on('message', (message: { ready?: boolean; port?: number }) => {
        if (message.ready && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        }
      });
    });
    return new Child(child, port);
  }

  request<T>(cmd: string, fields: Record<string, unknown> = {}, timeoutMs = 300_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${cmd}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.process.send({ id, cmd, ...fields });
    });
  }

  /** Asks the child to close cleanly (a CPU profile is written on a clean exit), then waits for it to go. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    await this.request('exit', {}, 15_000).catch(() => this.process.kill());
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

/** A request from the parent to a forked child: `{ id, cmd, ...fields }`. */
export interface ParentMessage {
  id: number;
  cmd: string;
}

/**
 * The child's side of `Child`: answers each `{ id, cmd }` with `{ id, result | error }`; `exit` runs
 * `close` and exits normally (so that --cpu-prof still writes its profile); a parent gone ends the child.
 */
export function answerParent<M extends ParentMessage>(
  handle: (message: M) => Promise<unknown>,
  close: () => Promise<unknown>,
) {
  process.on('message', async (message: M) => {
    try {
      if (message.cmd === 'exit') {
        const closed = await close().then(
          (result) => result ?? true,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        process.send?.({ id: message.id, result: closed }, () => process.exit(0));
        return;
      }
      process.send?.({ id: message.id, result: await handle(message) });
    } catch (error) {
      process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
