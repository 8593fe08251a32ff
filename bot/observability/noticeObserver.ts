import type { OutboxObserver } from '../../services/outbox/outboxJobs';
import type { Metrics } from './metrics';

/** The outbox's deliveries as `csp_notices_total{platform, outcome}` (the job kind is the platform). */
export function noticeObserver(metrics: Metrics): OutboxObserver {
  const count = (outcome: string) => (platform: string) => metrics.notices.inc({ platform, outcome });
  return {
    delivered: count('sent'),
    throttled: count('throttled'),
    retried: count('retried'),
    gone: count('gone'),
    deadLettered: count('dead'),
  };
}
