// Hex for keys and signatures, without Buffer: attestations are verified in the Temporal
// workflow sandbox, which has no Node built-ins. Pure.

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Bytes from hex of exactly `length` bytes; undefined when the text is not that. Never throws. */
export function hexToBytes(hex: unknown, length: number): Uint8Array | undefined {
  if (typeof hex !== 'string' || hex.length !== length * 2 || !HEX.test(hex)) return undefined;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Lowercase hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
