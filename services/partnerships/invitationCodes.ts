import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AtomicStore } from '../storage/atomicStore';
import { updateRecord } from '../storage/atomicStore';

/** What a genuine code names: the invitation, and which issue of its link (1 = the first, 2 after a resend, ...). */
export interface CodeParts {
  id: string;
  generation: number;
}

/**
 * Invitation codes: `<id>.<signature>` for an invitation's first link, `<id>.<n>.<signature>` for the
 * n-th (a resend of an expired invitation issues a new one). The signature is an HMAC-SHA256 of the
 * id (and n) with the deployment's secret: a code anyone made up or altered fails before the store
 * is read, and an earlier link of the same invitation is told apart from the current one.
 */
export class InvitationSigner {
  constructor(private readonly secret: string) {}

  newCode(): { id: string; code: string } {
    const id = randomBytes(12).toString('base64url');
    return { id, code: this.codeOf(id) };
  }

  /** What a genuine code names, or undefined for a forged, altered or malformed one. */
  verify(code: string): CodeParts | undefined {
    const match = /^([A-Za-z0-9_-]{16})(?:\.([1-9]\d{0,5}))?\.([A-Za-z0-9_-]{43})$/.exec(code.trim());
    if (!match) return undefined;
    const generation = match[2] ? Number(match[2]) : 1;
    // The first link has no number; "<id>.1.<sig>" is not a spelling of it.
    if (match[2] && generation === 1) return undefined;
    const expected = Buffer.from(this.sign(match[1], generation));
    const given = Buffer.from(match[3]);
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? { id: match[1], generation }
      : undefined;
  }

  codeOf(id: string, generation = 1): string {
    return generation === 1 ? `${id}.${this.sign(id, 1)}` : `${id}.${generation}.${this.sign(id, generation)}`;
  }

  private sign(id: string, generation: number): string {
    const subject = generation === 1 ? `csp-invitation:${id}` : `csp-invitation:${id}:${generation}`;
    return createHmac('sha256', this.secret).update(subject).digest('base64url');
  }
}

const SECRET_KEY = 'partnerships:invitation-secret';

/**
 * The configured INVITATION_SECRET, or else one generated once and kept in the store, so every
 * instance of the deployment (and every restart) signs and checks with the same secret.
 */
export async function invitationSecret(records: AtomicStore, configured?: string): Promise<string> {
  if (configured) return configured;
  const stored = await updateRecord<{ secret: string }>(records, SECRET_KEY, (current) =>
    current ? undefined : { secret: randomBytes(32).toString('base64url') },
  );
  return (stored.value as { secret: string }).secret;
}
