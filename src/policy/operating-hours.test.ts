import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWithinOperatingHours, parseClock, zonedClock } from './operating-hours.ts';
import type { OperatingHours } from './policy-schema.ts';

const weekdays: OperatingHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const office: OperatingHours = { timezone: 'UTC', days: weekdays, start: '09:00', end: '17:30' };

describe('isWithinOperatingHours', () => {
  it('is open from start (inclusive) to end (exclusive) on listed days', () => {
    // 2026-03-04 is a Wednesday.
    assert.equal(isWithinOperatingHours(office, new Date('2026-03-04T09:00:00Z')), true);
    assert.equal(isWithinOperatingHours(office, new Date('2026-03-04T17:29:59Z')), true);
    assert.equal(isWithinOperatingHours(office, new Date('2026-03-04T17:30:00Z')), false);
    assert.equal(isWithinOperatingHours(office, new Date('2026-03-04T08:59:59Z')), false);
  });

  it('is closed on days that are not listed', () => {
    assert.equal(isWithinOperatingHours(office, new Date('2026-03-07T12:00:00Z')), false);
  });

  it("reads the day and time in the policy's zone, not UTC", () => {
    const tokyo: OperatingHours = { timezone: 'Asia/Tokyo', days: weekdays, start: '09:00', end: '18:00' };
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo (closed); Monday 00:30 UTC is Monday 09:30 there (open).
    assert.equal(isWithinOperatingHours(tokyo, new Date('2026-03-08T23:30:00Z')), false);
    assert.equal(isWithinOperatingHours(tokyo, new Date('2026-03-09T00:30:00Z')), true);
    // Friday 10:00 UTC is Friday 19:00 in Tokyo: after hours, though inside them in UTC.
    assert.equal(isWithinOperatingHours(tokyo, new Date('2026-03-06T10:00:00Z')), false);
  });

  it('follows daylight saving time in the zone', () => {
    const newYork: OperatingHours = { timezone: 'America/New_York', days: weekdays, start: '09:00', end: '17:00' };
    // 13:30 UTC is 08:30 EST (closed) in early March, 09:30 EDT (open) after the 2026-03-08 change.
    assert.equal(isWithinOperatingHours(newYork, new Date('2026-03-06T13:30:00Z')), false);
    assert.equal(isWithinOperatingHours(newYork, new Date('2026-03-09T13:30:00Z')), true);
  });

  it('handles an overnight window as belonging to the day it starts on', () => {
    const nights: OperatingHours = { timezone: 'Europe/Berlin', days: ['fri'], start: '22:00', end: '06:00' };
    // Berlin is UTC+1 in February 2026; 2026-02-06 is a Friday.
    assert.equal(isWithinOperatingHours(nights, new Date('2026-02-06T21:30:00Z')), true); // Fri 22:30
    assert.equal(isWithinOperatingHours(nights, new Date('2026-02-07T04:59:00Z')), true); // Sat 05:59
    assert.equal(isWithinOperatingHours(nights, new Date('2026-02-07T05:00:00Z')), false); // Sat 06:00
    assert.equal(isWithinOperatingHours(nights, new Date('2026-02-06T12:00:00Z')), false); // Fri 13:00
    assert.equal(isWithinOperatingHours(nights, new Date('2026-02-06T02:00:00Z')), false); // Fri 03:00 belongs to Thursday
  });

  it('treats 24:00 as the end of the day, so 00:00–24:00 is always open', () => {
    const always: OperatingHours = {
      timezone: 'UTC',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '00:00',
      end: '24:00',
    };
    assert.equal(isWithinOperatingHours(always, new Date('2026-03-07T23:59:59Z')), true);
    assert.equal(isWithinOperatingHours(always, new Date('2026-03-08T00:00:00Z')), true);
  });
});

describe('zonedClock', () => {
  it('gives midnight as 00:00, not 24:00', () => {
    assert.deepEqual(zonedClock('UTC', new Date('2026-03-04T00:05:00Z')), { day: 'wed', minutes: 5, time: '00:05' });
  });
});

describe('parseClock', () => {
  it('reads HH:MM and refuses anything else', () => {
    assert.equal(parseClock('09:30'), 570);
    assert.equal(parseClock('9:30'), 570);
    assert.equal(parseClock('24:00'), 1440);
    assert.equal(parseClock('24:01'), undefined);
    assert.equal(parseClock('12:60'), undefined);
    assert.equal(parseClock('noon'), undefined);
  });
});
