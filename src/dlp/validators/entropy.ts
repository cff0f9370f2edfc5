/** Shannon entropy of `value` in bits per character: ~0 for `aaaa`, ~6 for random base64. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // By UTF-16 unit: secrets are ASCII, and this runs on every candidate value.
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a value assigned to a `secret`/`token`/`api_key` name is random enough to be a
 * credential: letters and digits mixed, and entropy a generated token has. Words joined by
 * dashes (`bert-base-uncased`) and counters fail it.
 */
export function looksRandom(value: string, minBits = 3): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= minBits;
}
