/**
 * Retries with exponential backoff and full jitter, honouring a server's Retry-After.
 *
 * Written here rather than taken from p-retry: p-retry is ESM-only (awkward from this CommonJS
 * project) and computes its own delays, with no way for one failure to say "wait what the server
 * asked", which is the part Partner Center's throttling needs. What is left is one loop and two
 * small pure functions, tested on their own.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited for: the call fails at once with the server's
   * answer, so a chat turn is not held for minutes.
   */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injectable so tests get exact delays. */
  random: () => number;
}

/** What the caller's classifier says about a failure. */
export interface RetryVerdict {
  retryable: boolean;
  /** The wait the server asked for, if it did. */
  retryAfterMs?: number;
}

/** A client's retry settings from its options, with the defaults both API clients use. */
export function retryOptionsFrom(options: Partial<RetryOptions>): RetryOptions {
  return {
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  };
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter (a random wait up to the exponential cap), so many clients do not retry in lockstep. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>) {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * cap);
}

/**
 * Retry-After as milliseconds to wait, from delta-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2026 07:28:00 GMT"); undefined when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Runs `operation` until it succeeds, a failure is not retryable, or the attempts run out. */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  classify: (error: unknown) => RetryVerdict,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.retryable || attempt >= options.maxAttempts) throw error;
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > options.maxRetryAfterMs) throw error;
      await options.sleep(verdict.retryAfterMs ?? backoffDelay(attempt, options));
    }
  }
}
