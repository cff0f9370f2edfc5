// Counts per UTF-16 unit, shared by every call (the scan is synchronous) and zeroed after use,
// so a call allocates nothing: this runs on every candidate value of the generic rules.
const counts = new Uint32Array(0x10000);
const seen = new Uint16Array(0x10000);

/**
 * The entropy sum over `value`'s distinct units in first-occurrence order (as a Map counted it,
 * so results match to the last bit), stopping once it reaches `stop`: every term adds, so a
 * partial sum that reaches `stop` means the whole one does.
 */
function entropyUpTo(value: string, stop: number): number {
  let distinct = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (counts[code] === 0) {
      seen[distinct] = code;
      distinct += 1;
    }
    counts[code] = (counts[code] ?? 0) + 1;
  }
  let bits = 0;
  for (let i = 0; i < distinct; i += 1) {
    const code = seen[i] ?? 0;
    if (bits < stop) {
      const p = (counts[code] ?? 0) / value.length;
      bits -= p * Math.log2(p);
    }
    counts[code] = 0;
  }
  return bits;
}

/** Shannon entropy of `value` in bits per character (by UTF-16 unit: secrets are ASCII): ~0 for `aaaa`, ~6 for random base64. */
export function shannonEntropy(value: string): number {
  return entropyUpTo(value, Number.POSITIVE_INFINITY);
}

/** Whether `value` has at least `minBits` of entropy per character; sums no further than it takes to know. */
export function hasEntropy(value: string, minBits: number): boolean {
  return entropyUpTo(value, minBits) >= minBits;
}

/**
 * Whether a value assigned to a `secret`/`token`/`api_key` name is random enough to be a
 * credential: letters and digits mixed, and entropy a generated token has. Words joined by
 * dashes (`bert-base-uncased`) and counters fail it.
 */
export function looksRandom(value: string, minBits = 3): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value) && hasEntropy(value, minBits);
}
