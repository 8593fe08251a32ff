import { PartnerCenterError } from './errors';

/** What came back from one HTTP attempt, read whole, before any meaning is given to it. */
export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * One attempt at an HTTP call with a timeout that covers the body too (a server that stalls mid-body also
 * times out), shared by the Partner Center and Graph clients: a timeout becomes `timeout`, anything else that
 * stops the exchange `unavailable`, both retryable, built by the caller's own error type.
 */
export async function exchange(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  failure: (code: 'timeout' | 'unavailable', description: string, cause: unknown) => PartnerCenterError,
  serviceName: string,
): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
  } catch (cause) {
    const name = (cause as { name?: string } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw failure('timeout', `${serviceName} did not answer within ${timeoutMs} ms.`, cause);
    }
    throw failure('unavailable', `${serviceName} could not be reached.`, cause);
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
