import { isInstant } from './instant';

describe('isInstant: the instants a query or an edit may name', () => {
  it.each([
    '2024-12-31T23:59:59Z',
    '2024-01-01T00:00:00+07:00',
    '2024-03-05T02:15:30.123Z',
    '2024-02-29T12:00:00.123456789-05:30',
    // The published date-time allows any four-digit year; the fuzzer sent this one.
    '0065-12-19T10:58:53Z',
    '0000-01-01T00:00:00Z',
    '2000-02-29T00:00:00Z',
  ])('accepts %s', (value) => expect(isInstant(value)).toBe(true));

  it.each([
    ['no offset (it would be read in the server’s zone)', '2024-12-31T23:59:59'],
    ['a date only', '2024-12-31'],
    ['a day its month does not have', '2024-02-30T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['29 February of a century not divisible by 400', '1900-02-29T00:00:00Z'],
    ['31 June', '2024-06-31T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['day 0', '2024-01-00T00:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['minute 60', '2024-01-01T23:60:00Z'],
    ['a leap second, which Date cannot hold', '2024-12-31T23:59:60Z'],
    ['an offset of a day', '2024-01-01T00:00:00+24:00'],
    ['ISO 8601 basic form', '20241231T235959Z'],
    ['a week date', '2024-W01-1T00:00:00Z'],
    ['a decimal comma', '2024-01-01T00:00:00,5Z'],
    ['a number', 1735689599000],
  ])('refuses %s', (_, value) => expect(isInstant(value)).toBe(false));
});
