import { createHash } from 'node:crypto';
import type KeyvRedis from '@keyv/redis';
import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';
import { assertScore } from './sortedIndex';

/**
 * Lua: the version of a stored record, or nil when it is none of this store's records. It is read where this
 * store writes it, at the start of the record (`{"value":{"v":7,...`, envelope.ts), and the whole record is
 * decoded only when it is not there: decoding a conversation's state to read one number cost Redis, which
 * shares the machine's cores with the assistant, a JSON parse of several KB at every compare-and-set
 * (issue 18, session 29).
 */
const VERSION_OF = `
local function versionOf(raw)
  local version = tonumber(string.match(raw, '^{"value":{"v":(%d+),'))
  if version then return version end
  local ok, record = pcall(cjson.decode, raw)
  if not ok or type(record) ~= 'table' or type(record.value) ~= 'table' then return nil end
  return tonumber(record.value.v)
end
`;

/**
 * Compare-and-set as one Lua script: Redis runs a script without interleaving any other command,
 * so the version check and the SET are atomic across every bot instance sharing the server.
 * ARGV: expected version (-1: must be absent), new raw value, TTL in ms (0: none).
 */
const COMPARE_AND_SET = `${VERSION_OF}
local current = redis.call('GET', KEYS[1])
local expected = tonumber(ARGV[1])
if expected < 0 then
  if current then return 0 end
else
  if not current or versionOf(current) ~= expected then return 0 end
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
`;

/**
 * Several compare-and-sets, all or none, as one script (atomic as COMPARE_AND_SET is): every version is
 * checked before anything is written. KEYS: the records; ARGV: for each, its expected version (-1: must be
 * absent), its new raw value and its TTL in ms (0: none). On one Redis server; a cluster would need the
 * keys in one slot, which the assistant does not use.
 */
const COMMIT_ALL = `${VERSION_OF}
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  local expected = tonumber(ARGV[3 * i - 2])
  if expected < 0 then
    if current then return 0 end
  elseif not current or versionOf(current) ~= expected then
    return 0
  end
end
for i, key in ipairs(KEYS) do
  local ttl = tonumber(ARGV[3 * i])
  if ttl > 0 then
    redis.call('SET', key, ARGV[3 * i - 1], 'PX', ttl)
  else
    redis.call('SET', key, ARGV[3 * i - 1])
  end
end
return 1
`;

const REMOVE_AT_VERSION = `${VERSION_OF}
local current = redis.call('GET', KEYS[1])
if not current or versionOf(current) ~= tonumber(ARGV[1]) then return 0 end
return redis.call('DEL', KEYS[1])
`;

interface RedisLike {
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[] | string>;
  mGet(keys: string[]): Promise<Array<string | null>>;
  sendCommand(args: string[]): Promise<unknown>;
  ping(): Promise<string>;
}

/** A script's SHA-1, by which Redis runs it once it holds it (EVALSHA). */
const SHA1 = new Map(
  [COMPARE_AND_SET, COMMIT_ALL, REMOVE_AT_VERSION].map((script) => [
    script,
    createHash('sha1').update(script).digest('hex'),
  ]),
);

/**
 * Runs a script by its SHA-1, sending its text only when the server does not hold it yet (NOSCRIPT: a new or
 * restarted server, or SCRIPT FLUSH), as node-redis' own script commands do. Every compare-and-set sent the
 * script's 600 bytes, which Redis hashed to find it again (issue 18, session 29).
 */
async function runScript(client: RedisLike, script: string, options: { keys: string[]; arguments: string[] }) {
  try {
    return await client.evalSha(SHA1.get(script) as string, options);
  } catch (error) {
    if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
    return client.eval(script, options);
  }
}

const bound = (value: number | undefined, infinite: string) => (value === undefined ? infinite : String(value));

export class RedisAtomicStore implements AtomicStore {
  readonly backend = 'redis' as const;
  /**
   * @param keyPrefix the application's prefix (REDIS_KEY_PREFIX, `csp:` by default) before every key
   * this store writes, records and indexes alike, so the assistant can share a Redis with other tenants.
   */
  constructor(
    private readonly adapter: KeyvRedis<unknown>,
    private readonly keyPrefix = '',
  ) {}

  private key(key: string): string {
    return `${this.keyPrefix}${key}`;
  }

  /** An ordered index is a sorted set of its own, named apart from the records. */
  private indexKey(index: string): string {
    return `${this.keyPrefix}idx:${index}`;
  }

  private async client(): Promise<RedisLike> {
    return (await this.adapter.getClient()) as unknown as RedisLike;
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return decodeRecord<T>(await (await this.client()).get(this.key(key)));
  }

  /** One MGET, whatever the number of keys; Redis has already dropped the expired ones. */
  async readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    if (keys.length === 0) return [];
    const raw = await (await this.client()).mGet(keys.map((key) => this.key(key)));
    return raw.map((value) => decodeRecord<T>(value));
  }

  async compareAndSet<T>(key: string, expected: number | undefined, value: T, options: { ttlMs?: number } = {}) {
    const version = (expected ?? 0) + 1;
    // Redis expires the key itself (PX), so the envelope carries no `expires` of its own.
    const raw = encodeRecord(value, version);
    const won = await runScript(await this.client(), COMPARE_AND_SET, {
      keys: [this.key(key)],
      arguments: [String(expected ?? -1), raw, String(Math.max(0, Math.round(options.ttlMs ?? 0)))],
    });
    return Number(won) === 1 ? version : undefined;
  }

  async commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    if (writes.length === 0) return true;
    const won = await runScript(await this.client(), COMMIT_ALL, {
      keys: writes.map(({ key }) => this.key(key)),
      arguments: writes.flatMap(({ expectedVersion, value, ttlMs }) => [
        String(expectedVersion ?? -1),
        encodeRecord(value, (expectedVersion ?? 0) + 1),
        String(Math.max(0, Math.round(ttlMs ?? 0))),
      ]),
    });
    return Number(won) === 1;
  }

  async remove(key: string, expected?: number): Promise<boolean> {
    const client = await this.client();
    if (expected === undefined) return (await client.del(this.key(key))) > 0;
    return (
      Number(await runScript(client, REMOVE_AT_VERSION, { keys: [this.key(key)], arguments: [String(expected)] })) > 0
    );
  }

  async list<T>(prefix: string) {
    const client = await this.client();
    const pattern = `${this.key(prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      keys.push(...(Array.isArray(batch) ? batch : [batch]));
    }
    keys.sort();
    const out: Array<{ key: string } & Versioned<T>> = [];
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const values = await client.mGet(slice);
      slice.forEach((key, j) => {
        const record = decodeRecord<T>(values[j]);
        if (record) out.push({ key: key.slice(this.keyPrefix.length), ...record });
      });
    }
    return out;
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    assertScore(score);
    await (await this.client()).sendCommand(['ZADD', this.indexKey(index), String(score), member]);
  }

  async indexRange(index: string, { min, max, limit }: IndexRange): Promise<IndexEntry[]> {
    if (limit <= 0) return [];
    // ZRANGE BYSCORE ... LIMIT reads log n + limit entries of the set, whatever the keyspace holds.
    const flat = (await (
      await this.client()
    ).sendCommand([
      'ZRANGE',
      this.indexKey(index),
      bound(min, '-inf'),
      bound(max, '+inf'),
      'BYSCORE',
      'LIMIT',
      '0',
      String(Math.floor(limit)),
      'WITHSCORES',
    ])) as string[];
    const out: IndexEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ member: flat[i], score: Number(flat[i + 1]) });
    return out;
  }

  async indexRemove(index: string, member: string): Promise<boolean> {
    return Number(await (await this.client()).sendCommand(['ZREM', this.indexKey(index), member])) > 0;
  }

  async ping() {
    await (await this.client()).ping();
  }

  async close() {
    await this.adapter.disconnect();
  }
}
