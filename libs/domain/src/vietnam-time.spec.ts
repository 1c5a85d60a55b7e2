import { InvalidDateError } from './domain-error';
import { instantToVnLocal, isIsoInstant, vnLocalToInstant } from './vietnam-time';

describe('Vietnam local time (fixed UTC+07:00)', () => {
  it('turns 17:00 in Hà Nội on 5 January 2024 into 10:00 UTC', () => {
    expect(vnLocalToInstant('2024-01-05', '17:00')).toBe('2024-01-05T10:00:00.000Z');
  });

  it('moves an early-morning local time to the previous UTC day', () => {
    expect(vnLocalToInstant('2024-01-01', '06:30')).toBe('2023-12-31T23:30:00.000Z');
  });

  it('reads an instant back as the local date and time, across midnight', () => {
    expect(instantToVnLocal('2024-01-05T10:00:00.000Z')).toEqual({ date: '2024-01-05', time: '17:00' });
    expect(instantToVnLocal('2024-12-31T17:30:00Z')).toEqual({ date: '2025-01-01', time: '00:30' });
    expect(instantToVnLocal('2024-06-01T08:00:00+07:00')).toEqual({ date: '2024-06-01', time: '08:00' });
  });

  it('is the same all year: no daylight saving in Vietnam', () => {
    expect(vnLocalToInstant('2024-07-01', '17:00')).toBe('2024-07-01T10:00:00.000Z');
  });

  it('refuses impossible dates, times and instants without an explicit offset', () => {
    expect(() => vnLocalToInstant('2024-02-30', '17:00')).toThrow(InvalidDateError);
    expect(() => vnLocalToInstant('2024-02-01', '24:00')).toThrow(InvalidDateError);
    expect(isIsoInstant('2024-01-05T10:00')).toBe(false);
    expect(() => instantToVnLocal('2024-01-05T10:00')).toThrow(InvalidDateError);
  });
});
