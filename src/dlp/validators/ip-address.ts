// Addresses that identify no host or person: unspecified, loopback, broadcast, and the ranges
// RFC 5737 / RFC 3849 reserve for documentation.
const NON_IDENTIFYING_V4 = /^(?:0\.0\.0\.0|127\.\d+\.\d+\.\d+|255\.255\.255\.255|192\.0\.2\.\d+|198\.51\.100\.\d+|203\.0\.113\.\d+)$/;

function ipv6Groups(value: string): number | undefined {
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
  return halves.length === 2 ? (groups.length <= 7 ? groups.length : undefined) : groups.length === 8 ? 8 : undefined;
}

/** An IP address that points at someone: a well-formed IPv4 or IPv6 address outside the reserved ranges. */
export function isReportableIpAddress(value: string): boolean {
  if (value.includes('.')) return !NON_IDENTIFYING_V4.test(value);
  const groups = ipv6Groups(value);
  if (groups === undefined || groups < 2) return false;
  const lower = value.toLowerCase();
  return lower !== '::1' && !lower.startsWith('2001:db8:') && !lower.startsWith('fe80:');
}
