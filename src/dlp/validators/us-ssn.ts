// Numbers the SSA published or that appear in its own examples; never issued to a person.
const EXAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/**
 * A US Social Security number as issued: area 001–899 except 666, group 01–99, serial
 * 0001–9999 (SSA rules); `value` is `123-45-6789`, `123 45 6789` or nine digits.
 */
export function isUsSsn(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (!/^\d{9}$/.test(digits) || EXAMPLE_SSNS.has(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}
