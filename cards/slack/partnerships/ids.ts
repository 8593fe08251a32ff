/**
 * The ids the partnerships listeners match on (bot/slack/partnerships): modal callbacks, button
 * actions and the modal fields' block and action ids, in one place so a builder and its listener
 * cannot drift apart.
 */
import { INPUT_ACTION } from '../blockKit';

export const CALLBACK = {
  setup: 'partnerships.setup',
  invite: 'partnerships.invite',
  draft: 'partnerships.draft',
  remove: 'partnerships.remove',
} as const;

export const ACTION = {
  remove: 'partnerships.remove',
  revoke: 'partnerships.revoke',
  resend: 'partnerships.resend',
} as const;

/** The approver-group select's "no group" choice (a static select cannot be emptied once chosen). */
export const NO_GROUP = 'none';

/** The input blocks of the modals: block id = field name, action id `value`. */
export const FIELD_ACTION = INPUT_ACTION;
/** The set-up modal's choice of the language the channel's messages are written in. */
export const SETUP_LANGUAGE_BLOCK = 'channelLanguage';
