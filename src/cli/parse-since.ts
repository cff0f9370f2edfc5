import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../policy/parse-duration.ts';

/** `--since`: a duration back from now (`24h`, `7d`) or a date/time (`2026-11-01`, ISO 8601). */
export function parseSince(value: string, now = new Date()): Date {
  const ms = parseDuration(value);
  if (ms !== undefined) return new Date(now.getTime() - ms);
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw new InvalidArgumentError(`expected a duration like 24h or 7d, or a date like 2026-11-01, got "${value}"`);
}

/** A whole number from `min` up, for options like `--limit` and `--tier`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}
