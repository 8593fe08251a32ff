import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server (Redis here) that a test cuts or stalls, to stage an outage
 * after start: `cut()` closes every connection and refuses new ones; `stall()` keeps connections open
 * but holds every byte (a link that answers nothing); `restore()` lets bytes through again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private mode: 'open' | 'cut' | 'stalled' = 'open';

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.mode === 'cut') return client.destroy();
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const socket of pair) {
        socket.on('error', () => {});
        socket.on('close', () => {
          this.pairs.delete(pair);
          for (const other of pair) other.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
      if (this.mode === 'stalled') this.hold(pair);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  cut() {
    this.mode = 'cut';
    for (const pair of this.pairs) for (const socket of pair) socket.destroy();
  }

  stall() {
    this.mode = 'stalled';
    for (const pair of this.pairs) this.hold(pair);
  }

  restore() {
    this.mode = 'open';
    for (const [client, upstream] of this.pairs) {
      client.resume();
      upstream.resume();
    }
  }

  private hold([client, upstream]: [Socket, Socket]) {
    client.pause();
    upstream.pause();
  }

  async stop() {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
