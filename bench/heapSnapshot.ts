import { readFileSync } from 'node:fs';

/**
 * What a V8 heap snapshot holds, by kind of object (constructor name for objects and closures, the kind
 * for strings, code and the rest), and what grew between two of them: how the memory section says what
 * the conversations keep alive (issue 18 item 3), measured rather than guessed.
 */
export interface HeapGroup {
  name: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Kinds whose node names are contents (a string's text, a number), not a type: grouped by kind alone. */
const BY_KIND = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code', 'bigint', 'symbol']);

export function heapGroups(file: string): Map<string, HeapGroup> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const stride = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < data.nodes.length; i += stride) {
    const kind = types[data.nodes[i + typeAt]];
    const name = BY_KIND.has(kind) ? `(${kind})` : `${data.strings[data.nodes[i + nameAt]]} (${kind})`;
    const group = groups.get(name) ?? { name, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += data.nodes[i + sizeAt];
    groups.set(name, group);
  }
  return groups;
}

/** The groups that grew most from `before` to `after`, by bytes (self sizes). */
export function heapGrowth(before: Map<string, HeapGroup>, after: Map<string, HeapGroup>, top: number): HeapGroup[] {
  return [...after.values()]
    .map((g) => {
      const was = before.get(g.name);
      return { name: g.name, count: g.count - (was?.count ?? 0), bytes: g.bytes - (was?.bytes ?? 0) };
    })
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
