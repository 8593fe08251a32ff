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
  /**
   * The instance that answered the deliveries naming none: the record's writer, named once instead of in
   * each of them (issue 18: the record is read and written on every press, and the instance's id was
   * half its bytes). Records written before 2026-12-05 have none, and name it in every delivery.
   */
  by?: string;
  /** The person's recent deliveries, oldest first (records from before deliveries were kept have none). */
  deliveries?: PressDelivery[];
}

export interface PressDelivery {
  /** The activity's id, which Teams keeps when it sends the activity again. */
  id: string;
  /**
   * The instance whose turn answers it (the outbox's instance id), to tell a slow turn from one that died.
   * Absent in a record: the record's `by`. `null`: not known (a delivery recorded without one, kept in a
   * record that names an instance), so it is never run again, as before.
   */
  by?: string | null;
}

/**
 * How many deliveries a record keeps: a redelivery comes seconds after the first, and a person presses a
 * few buttons a minute at most, so the press Teams sends again is always among the last few.
 */
export const DELIVERIES_KEPT = 8;

/** The delivery `id` as the record keeps it, its instance spelt out (`by` undefined when not known). */
export function deliveryIn(
  record: PressRecord | undefined,
  id: string | undefined,
): { id: string; by: string | undefined } | undefined {
  if (id === undefined || !record?.deliveries) return undefined;
  const entry = record.deliveries.find((delivery) => delivery.id === id);
  return entry && { id: entry.id, by: instanceOf(entry, record.by) };
}

/**
 * The deliveries part of a record written for `delivery` (none when a failed press's delivery is only taken
 * out): the ones before it (but `dropped`), and it last. The record names its writer once, as `by`; a
 * delivery answered by another instance keeps its own.
 */
export function deliveriesWith(
  before: PressRecord | undefined,
  delivery: PressDelivery | undefined,
  dropped?: string,
): Pick<PressRecord, 'by' | 'deliveries'> {
  const by = delivery ? (delivery.by ?? undefined) : before?.by;
  let kept: PressDelivery[] = [];
  for (const entry of before?.deliveries ?? []) {
    if (entry.id === delivery?.id || entry.id === dropped) continue;
    const entryBy = instanceOf(entry, before?.by);
    if (entryBy === by) kept.push({ id: entry.id });
    else kept.push({ id: entry.id, by: entryBy ?? null });
  }
  if (delivery) kept.push({ id: delivery.id });
  if (kept.length > DELIVERIES_KEPT) kept = kept.slice(kept.length - DELIVERIES_KEPT);
  return by === undefined ? { deliveries: kept } : { by, deliveries: kept };
}

/** Which instance answered `entry` of a record naming `recordBy`; undefined when not known. */
function instanceOf(entry: PressDelivery, recordBy: string | undefined): string | undefined {
  return entry.by === null ? undefined : (entry.by ?? recordBy);
}
