/**
 * G1: what a GDAP relationship request may ask for. A duration from 1 day to 2 years (never permanent),
 * named roles, and auto-extend by 180 days only while Global Administrator is not among the roles. Graph
 * refuses the same (the sandbox too, through these functions); checking first lets the product say why
 * before anything is sent.
 */
import { violation } from './codes';
import { allow, type Decision, refuse, type Violation } from './decision';

/** The Entra role definition id of Global Administrator (the same in every tenant). */
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const GDAP_MIN_DAYS = 1;
/** P2Y, as Graph counts it: 730 days. */
export const GDAP_MAX_DAYS = 730;
export const AUTO_EXTEND_DAYS = 180;
/** G1: a request the customer has not approved expires after 90 days. */
export const GDAP_REQUEST_EXPIRY_DAYS = 90;

const DAYS_PER = { Y: 365, M: 30, W: 7, D: 1 } as const;

/**
 * Days in an ISO 8601 duration of whole years, months, weeks and days (`P730D`, `P2Y`, `P1Y6M`), with a
 * time part allowed only when zero (`PT0S`). Undefined when the text is no such duration.
 */
export function isoDurationDays(text: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:0+H)?(?:0+M)?(?:0+S)?)?$/.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim() === 'PT') return undefined;
  const [, y, m, w, d] = match;
  return (
    Number(y ?? 0) * DAYS_PER.Y +
    Number(m ?? 0) * DAYS_PER.M +
    Number(w ?? 0) * DAYS_PER.W +
    Number(d ?? 0) * DAYS_PER.D
  );
}

/** Auto-extend as days: 0 (PT0S, P0D, the default) or 180 (P180D); undefined for any other value. */
export function autoExtendDays(value: string | undefined): 0 | 180 | undefined {
  const days = isoDurationDays(value ?? 'PT0S');
  return days === 0 || days === AUTO_EXTEND_DAYS ? days : undefined;
}

export interface GdapRequestShape {
  duration: string;
  autoExtendDuration?: string;
  roles: string[];
}

/** G1: is this request one Graph accepts? Each reason as a violation, so Teams, Slack and the log agree. */
export function checkGdapRequest(request: GdapRequestShape): Decision {
  const violations: Violation[] = [];
  const days = isoDurationDays(request.duration);
  if (days === undefined || days < GDAP_MIN_DAYS || days > GDAP_MAX_DAYS) {
    violations.push(violation('G1.duration-out-of-range', { duration: request.duration, maxDays: GDAP_MAX_DAYS }));
  }
  if (request.roles.length === 0) violations.push(violation('G1.no-roles'));
  const extend = autoExtendDays(request.autoExtendDuration);
  if (extend === undefined) {
    violations.push(violation('G1.auto-extend-value', { autoExtend: request.autoExtendDuration ?? '' }));
  } else if (extend > 0 && request.roles.includes(GLOBAL_ADMINISTRATOR_ROLE_ID)) {
    violations.push(violation('G1.auto-extend-with-global-administrator'));
  }
  return violations.length === 0 ? allow() : refuse(violations);
}
