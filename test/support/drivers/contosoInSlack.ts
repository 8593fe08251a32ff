/**
 * Contoso's people in its Slack workspace, as every journey and HTTP test names them: who runs
 * `/csp setup`, who approves, who only asks, and the approvals channel.
 */

/** The distributor's Slack workspace admin, who runs `/csp setup` (P10). */
export const ADMIN = 'U0ADMIN';
export const APPROVER = 'U0APPROVER';
export const APPROVER2 = 'U0APPROVER2';
export const APPROVER_NAME = 'Jan Wiśniewski';
/** A rep who is neither admin nor approver. */
export const REP = 'U0REP';
export const CHANNEL = 'C0APPROVALS';
