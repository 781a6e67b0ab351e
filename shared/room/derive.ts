/**
 * Helpers for the parts of one version's views that several viewers see alike (views.ts,
 * boardView.ts): each is derived once, on first use, frozen, and then shared. Nothing outlives the
 * function they are made in.
 */

/** Freezes a derived part (so viewers can share it) without making its type read-only. */
export const freeze = <T>(part: T): T => Object.freeze(part);

/** Computes `make(key)` once per key, on first use. */
export function perKey<V>(make: (key: string) => V): (key: string) => V {
  const made = new Map<string, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}

/** Computes `make()` once, on first use. */
export function once<V>(make: () => V): () => V {
  const get = perKey(make);
  return () => get('');
}
