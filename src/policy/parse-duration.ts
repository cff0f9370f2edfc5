import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `500ms`, `30s`, `15m`, `24h`, `7d` → milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
}

/** A duration in the policy file: a string like `30s`, `15m`, `24h` (or a number of ms); parsed to ms. */
export const DurationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseDuration(value);
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration like 30s, 15m, 24h or 7d, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});
