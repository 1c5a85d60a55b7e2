import { VIETNAM_PUBLIC_HOLIDAYS_2024, vietnamPublicHolidays } from './vietnam-public-holidays';
import { addWorkingDays, isWorkingDay, workingDayOnOrAfter } from './working-day';

const HOLIDAYS = VIETNAM_PUBLIC_HOLIDAYS_2024;

describe('working days', () => {
  it('skips the whole Tết holiday (8–14 February 2024)', () => {
    expect(addWorkingDays('2024-02-07', 1, HOLIDAYS)).toBe('2024-02-15');
    expect(addWorkingDays('2024-02-15', -1, HOLIDAYS)).toBe('2024-02-07');
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2024-03-01', 1)).toBe('2024-03-04');
    expect(addWorkingDays('2024-03-04', -1)).toBe('2024-03-01');
  });

  it('skips the Hùng Kings day, 30 April – 1 May and National Day', () => {
    expect(addWorkingDays('2024-04-17', 1, HOLIDAYS)).toBe('2024-04-19');
    expect(addWorkingDays('2024-04-29', 1, HOLIDAYS)).toBe('2024-05-02');
    expect(addWorkingDays('2024-08-30', 1, HOLIDAYS)).toBe('2024-09-04');
  });

  it('returns the date itself for zero days', () => {
    expect(addWorkingDays('2024-02-10', 0, HOLIDAYS)).toBe('2024-02-10');
  });

  it('knows working days and finds the next one', () => {
    expect(isWorkingDay('2024-01-01', HOLIDAYS)).toBe(false);
    expect(isWorkingDay('2024-01-02', HOLIDAYS)).toBe(true);
    expect(isWorkingDay('2024-01-06', HOLIDAYS)).toBe(false);
    expect(workingDayOnOrAfter('2024-12-15', HOLIDAYS)).toBe('2024-12-16');
    expect(workingDayOnOrAfter('2024-02-08', HOLIDAYS)).toBe('2024-02-15');
  });

  it('has the 2024 holidays ready as data, and only fixed-date holidays for unknown years', () => {
    expect(vietnamPublicHolidays(2024)).toEqual([...HOLIDAYS]);
    expect(HOLIDAYS).toHaveLength(13);
    expect(vietnamPublicHolidays(2031)).toEqual(['2031-01-01', '2031-04-30', '2031-05-01', '2031-09-02']);
  });
});
