import { PartnerCenterError } from '../../services/partnerCenter/errors';
import type { PartnerCenterGateway, PartnerCenterSession } from '../../services/partnerCenter/gateway';
import type { Metrics } from './metrics';

/**
 * Partner Center calls counted by operation (the session method) and status (`ok`, or the error's
 * code: throttled, not-found, ...), sandbox or REST alike. A Proxy so a method added to the session
 * interface is measured without touching this file.
 */
export function instrumentGateway(gateway: PartnerCenterGateway, metrics: Metrics): PartnerCenterGateway {
  return {
    as: (partnerTenantId, context) => instrumentSession(gateway.as(partnerTenantId, context), metrics),
  };
}

function instrumentSession(session: PartnerCenterSession, metrics: Metrics): PartnerCenterSession {
  return new Proxy(session, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const labels = { api: 'partner_center', operation: property };
        const stop = metrics.apiSeconds.startTimer(labels);
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          metrics.apiCalls.inc({ ...labels, status: 'ok' });
          return result;
        } catch (error) {
          const status = error instanceof PartnerCenterError ? String(error.code) : 'error';
          metrics.apiCalls.inc({ ...labels, status });
          throw error;
        } finally {
          stop();
        }
      };
    },
  });
}
