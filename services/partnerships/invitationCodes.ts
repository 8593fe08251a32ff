import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AtomicStore } from '../storage/atomicStore';
import { updateRecord } from '../storage/atomicStore';

/**
 * Invitation codes: `<id>.<signature>`, the signature an HMAC-SHA256 of the id with the deployment's
 * secret. A code anyone made up or altered fails the signature check before the store is read.
 */
export class InvitationSigner {
  constructor(private readonly secret: string) {}

  newCode(): { id: string; code: string } {
    const id = randomBytes(12).toString('base64url');
    return { id, code: `${id}.${this.sign(id)}` };
  }

  /** The invitation id inside a genuine code, or undefined for a forged, altered or malformed one. */
  verify(code: string): string | undefined {
    const match = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(code.trim());
    if (!match) return undefined;
    const expected = Buffer.from(this.sign(match[1]));
    const given = Buffer.from(match[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : undefined;
  }

  codeOf(id: string): string {
    return `${id}.${this.sign(id)}`;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(`csp-invitation:${id}`).digest('base64url');
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
