import { Writable } from 'node:stream';

/** Every log line, parsed, with a wait for the first line matching a test (instead of sleeping). */
export class LogLines extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  private waiters: Array<{ match: (line: Record<string, unknown>) => boolean; resolve: () => void }> = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>;
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => !(w.match(line) && (w.resolve(), true)));
    }
    done();
  }

  /** Resolves once a line with this message has been written (at once when one already has). */
  waitForMessage(msg: string): Promise<void> {
    const match = (line: Record<string, unknown>) => line.msg === msg;
    if (this.lines.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}
