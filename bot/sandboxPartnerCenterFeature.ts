import restify, { type Request, type Response } from 'restify';
import { z } from 'zod';
import { partnerCenterStandInPage, type StandInPage } from '../cards/web/partnerCenterStandIn';
import { resolveLanguage, translatorFor } from '../i18n/i18n';
import { isPartnerCenterError } from '../services/partnerCenter/errors';
import type { SandboxControls } from '../services/partnerCenter/sandboxGateway';
import type { Feature, FeatureDeps } from './features/feature';

/** Where the sandbox serves its stand-in for a distributor's Partner Center relationship-request page (P2). */
export const STAND_IN_PATH = '/sandbox/partner-center/relationship-request';

/** The distributor's "personalised link" in sandbox mode: the stand-in page for this distributor's tenant. */
export const standInLinkFor = (publicUrl: string, providerTenantId: string) =>
  `${publicUrl.replace(/\/+$/, '')}${STAND_IN_PATH}/${encodeURIComponent(providerTenantId)}`;

/**
 * The link as handed to one reseller. The sandbox has no sign-in, so in sandbox mode only, a link to
 * the stand-in carries the reseller's tenant (the assistant knows it from Teams; nobody types it) and
 * the reader's language. Any other link (a real Partner Center one) goes out as the distributor gave it.
 */
export function partnerCenterLinkForReseller(
  link: string,
  publicUrl: string,
  resellerTenantId: string,
  language: string,
  sandbox: boolean,
): string {
  const standIn = `${publicUrl.replace(/\/+$/, '')}${STAND_IN_PATH}/`;
  if (!sandbox || !link.startsWith(standIn)) return link;
  const url = new URL(link);
  url.searchParams.set('tenant', resellerTenantId);
  url.searchParams.set('lang', language);
  return url.toString();
}

const tenantField = z.uuid();
const formSchema = z.object({ tenant: tenantField, consent: z.literal('yes').optional() });

/**
 * The stand-in page itself, in sandbox mode only (no routes otherwise): GET shows the request to the
 * reseller the link names; POST (tick the box, Authorize distributor) creates the relationship
 * in the sandbox's own records, or shows what Partner Center would refuse (P1, T2, P6).
 */
export function sandboxPartnerCenterFeature(deps: FeatureDeps): Feature {
  const controls = deps.sandboxControls;
  if (!controls) return { name: 'sandbox-partner-center' };
  const route = `${STAND_IN_PATH}/:provider`;
  return {
    name: 'sandbox-partner-center',
    routes: [
      (server) => {
        server.get(route, async (req: Request, res: Response) => {
          const { t, language } = readerOf(req);
          const tenant = tenantField.safeParse(queryOf(req).get('tenant'));
          if (!tenant.success) return send(res, 400, t, language, { kind: 'unusable', reason: 'noTenant' });
          const view = await describe(controls, String(req.params?.provider ?? ''), tenant.data);
          if (!view) return send(res, 404, t, language, { kind: 'unusable', reason: 'notFound' });
          send(res, 200, t, language, { kind: 'request', view, action: actionOf(req, language), tenant: tenant.data });
        });
        server.post(
          route,
          restify.plugins.bodyParser({ maxBodySize: deps.config.maxBodyBytes, mapParams: false, mapFiles: false }),
          async (req: Request, res: Response) => {
            const { t, language } = readerOf(req);
            const form = formSchema.safeParse(req.body ?? {});
            if (!form.success) return send(res, 400, t, language, { kind: 'unusable', reason: 'noTenant' });
            const provider = String(req.params?.provider ?? '');
            const view = await describe(controls, provider, form.data.tenant);
            if (!view) return send(res, 404, t, language, { kind: 'unusable', reason: 'notFound' });
            if (!form.data.consent) {
              const page: StandInPage = {
                kind: 'request',
                view,
                action: actionOf(req, language),
                tenant: form.data.tenant,
                consentMissing: true,
              };
              return send(res, 400, t, language, page);
            }
            const outcome = await controls.acceptRelationship(provider, form.data.tenant);
            send(res, outcome.refusal ? 409 : 200, t, language, { kind: 'outcome', view: outcome });
          },
        );
      },
    ],
  };
}

/** The request as the sandbox sees it; undefined for a link that names no distributor it knows. */
async function describe(controls: SandboxControls, provider: string, reseller: string) {
  try {
    return await controls.relationshipRequest(provider, reseller);
  } catch (error) {
    if (isPartnerCenterError(error, 'not-found') || isPartnerCenterError(error, 'invalid-input')) return undefined;
    throw error;
  }
}

function readerOf(req: Request) {
  const asked = queryOf(req).get('lang') ?? undefined;
  const language = resolveLanguage(asked ?? String(req.headers['accept-language'] ?? '').split(',')[0]);
  return { t: translatorFor(language), language };
}

/** The query string (no restify query parser is mounted on this server). */
const queryOf = (req: Request) => new URL(req.url ?? '/', 'http://localhost').searchParams;

/** The form posts back to the same page, in the same language. */
const actionOf = (req: Request, language: string) =>
  `${STAND_IN_PATH}/${encodeURIComponent(String(req.params?.provider ?? ''))}?lang=${language}`;

function send(res: Response, status: number, t: ReturnType<typeof translatorFor>, language: string, page: StandInPage) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(partnerCenterStandInPage(t, language, page));
}
