function decodedJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A JSON Web Token: its header decodes to a JSON object naming an algorithm, its payload to a JSON object. */
export function isJwt(value: string): boolean {
  const [header, payload] = value.split('.');
  if (header === undefined || payload === undefined) return false;
  const head = decodedJson(header);
  const body = decodedJson(payload);
  return typeof head === 'object' && head !== null && 'alg' in head && typeof body === 'object' && body !== null;
}
