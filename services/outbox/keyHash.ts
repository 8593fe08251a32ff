/**
 * FNV-1a over the key's UTF-16 units, from a seed: a cheap, well-spread 32-bit hash for ordering lanes
 * and weighing instances. Not for anything an adversary chooses the keys of.
 */
export function fnv1a(key: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** MurmurHash3's finaliser: every input bit moves every output bit, which FNV-1a alone does poorly. */
export function mix32(hash: number): number {
  let h = hash >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
