import type { Activity } from 'botbuilder';

/**
 * The locale Teams reports for a turn: the activity's own `locale`, else the `clientInfo` entity's
 * (an install event, conversationUpdate or installationUpdate, may carry it only there). Undefined
 * when neither says, so the caller can ask the person instead of guessing.
 */
export function localeOf(activity: Partial<Activity>): string | undefined {
  if (activity.locale) return activity.locale;
  const clientInfo = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' && clientInfo.locale ? clientInfo.locale : undefined;
}
