/**
 * A person's press record in a conversation (`teams:press:…`): the last card press they made, and the
 * deliveries (Teams activity ids) of their recent presses. The first half tells a double click (another
 * activity, the same press) from a new press; the second is the delivery ledger for card presses, so a
 * press Teams sends again (the same activity) is answered once, with no claim of its own in the ledger
 * (issue 18: one store write a press instead of two).
 */
export interface PressRecord {
  /** Which press: the card, its data and the person, hashed; none when the last press failed. */
  press?: string;
  /**
   * `claimed`: a turn is answering the press, renewed while it runs. `handled`: a slow turn answered (the
   * grace counts from the answer). `in-flight`: the claim of a version before renewals, live for
   * `inFlightMs` since it was written.
   */
  state: 'claimed' | 'handled' | 'in-flight';
  at: string;
  /** The person's recent deliveries, oldest first (records from before deliveries were kept have none). */
  deliveries?: PressDelivery[];
}

export interface PressDelivery {
  /** The activity's id, which Teams keeps when it sends the activity again. */
  id: string;
  /** The instance whose turn answers it (the outbox's instance id), to tell a slow turn from one that died. */
  by?: string;
}

/**
 * How many deliveries a record keeps: a redelivery comes seconds after the first, and a person presses a
 * few buttons a minute at most, so the press Teams sends again is always among the last few.
 */
export const DELIVERIES_KEPT = 8;

export function deliveryIn(record: PressRecord | undefined, id: string | undefined): PressDelivery | undefined {
  return id === undefined ? undefined : record?.deliveries?.find((delivery) => delivery.id === id);
}

/** The deliveries a record written for `delivery` keeps: the ones before it (but `dropped`), and it last. */
export function deliveriesWith(
  before: PressRecord | undefined,
  delivery: PressDelivery | undefined,
  dropped?: string,
): PressDelivery[] {
  const kept = (before?.deliveries ?? []).filter((entry) => entry.id !== delivery?.id && entry.id !== dropped);
  if (delivery) kept.push(delivery);
  return kept.length > DELIVERIES_KEPT ? kept.slice(kept.length - DELIVERIES_KEPT) : kept;
}
