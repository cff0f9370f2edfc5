import type { OperatingHours, Weekday } from './policy-schema.ts';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES_PER_DAY = 24 * 60;

/** `"09:30"` → 570 minutes after midnight; `"24:00"` → 1440; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** A wall clock reading in some zone: its weekday and minutes after local midnight. */
export interface ZonedClock {
  day: Weekday;
  minutes: number;
  /** `"09:30"`, for messages. */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // hourCycle h23, not hour12: false, which some engines render as "24" at midnight.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timeZone` shows at `now`; Intl applies the zone's DST rules. */
export function zonedClock(timeZone: string, now: Date): ZonedClock {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').toLowerCase().slice(0, 3);
  const day = WEEKDAYS.find((d) => d === weekday);
  const hours = Number(part('hour'));
  const minutes = Number(part('minute'));
  if (day === undefined || !Number.isInteger(hours) || !Number.isInteger(minutes)) {
    throw new Error(`cannot read the local time in ${timeZone} at ${now.toISOString()} (got "${parts.map((p) => p.value).join('')}")`);
  }
  return { day, minutes: hours * 60 + minutes, time: `${part('hour')}:${part('minute')}` };
}

function dayBefore(day: Weekday): Weekday {
  const index = WEEKDAYS.indexOf(day);
  return WEEKDAYS[(index + WEEKDAYS.length - 1) % WEEKDAYS.length] ?? day;
}

/**
 * Whether `now` falls inside the operating hours. `start` is inclusive and `end` exclusive. An
 * overnight window (`end` before `start`, e.g. 22:00–06:00) belongs to the day it starts on:
 * with `days: [fri]` it is open Friday 22:00 until Saturday 06:00.
 */
export function isWithinOperatingHours(hours: OperatingHours, now: Date): boolean {
  const start = parseClock(hours.start);
  const end = parseClock(hours.end);
  // The schema refuses malformed clocks; a policy built around it fails closed.
  if (start === undefined || end === undefined) return false;
  const clock = zonedClock(hours.timezone, now);
  const open = (day: Weekday) => hours.days.includes(day);
  if (start < end) return open(clock.day) && clock.minutes >= start && clock.minutes < end;
  const lateEvening = open(clock.day) && clock.minutes >= start && clock.minutes < MINUTES_PER_DAY;
  const earlyMorning = open(dayBefore(clock.day)) && clock.minutes < end;
  return lateEvening || earlyMorning;
}

/** `mon, tue, wed 09:00–18:00 Europe/Berlin`, for messages. */
export function describeOperatingHours(hours: OperatingHours): string {
  return `${hours.days.join(', ')} ${hours.start}–${hours.end} ${hours.timezone}`;
}
