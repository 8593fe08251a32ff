/**
 * What a reseller types into the customer agreement fields of the offers card (MCA1), as Teams sends
 * them back: the card's own inputs with the values it already shows (the prefilled email), and the ones
 * the person fills in (names, the day). No fields on the card (an existing customer whose acceptance
 * Partner Center already has), no answers: the drivers send exactly what the card asks.
 */

/** Who accepted the agreement for the customer, as the journeys' resellers know it. */
export const SIGNER = { mcaFirstName: 'Ewa', mcaLastName: 'Lis', mcaPhone: '+48 22 123 45 67' };

/** The card's MCA1 inputs, by id, with the value each shows; from a reply as the test connector saw it. */
export function agreementInputs(reply: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.id === 'string' && element.id.startsWith('mca') && String(element.type).startsWith('Input.')) {
      found[element.id] = typeof element.value === 'string' ? element.value : '';
    }
    Object.values(element).forEach(walk);
  };
  for (const line of reply.split('\n')) {
    try {
      walk(JSON.parse(line));
    } catch {
      // Not an activity: nothing to read.
    }
  }
  return found;
}

/** The answers a person gives on that card: what it shows, with the empty fields filled in (the day: today). */
export function agreementAnswers(reply: string, typed: Record<string, string> = SIGNER): Record<string, string> {
  const inputs = agreementInputs(reply);
  const today = new Date().toISOString().slice(0, 10);
  const answers: Record<string, string> = {};
  for (const [id, shown] of Object.entries(inputs)) {
    answers[id] = shown || (id === 'mcaDate' ? today : (typed[id] ?? ''));
  }
  return answers;
}
