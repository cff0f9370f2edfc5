/**
 * The entry under `key` only if the map holds it itself: ids come from agents' requests, and a
 * plain lookup would find `constructor` or `toString` on Object.prototype for an unknown agent.
 */
export function ownEntry<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
